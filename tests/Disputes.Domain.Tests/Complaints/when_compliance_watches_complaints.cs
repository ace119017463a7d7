using Disputes.Domain.Complaints;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Complaints;

/// <summary>The at-risk and overdue lists: a complaint is on one by the next deadline whose duty is still undone.</summary>
public class when_compliance_watches_complaints
{
    private static readonly Duration Week = Duration.FromDays(7);
    private static readonly Complaint Unanswered = Complaints.ReceivedOn(new LocalDate(2025, 3, 3));
    private static readonly Instant ResponseBreach = Instant.FromUtc(2025, 3, 19, 4, 0);

    [Fact]
    public void a_complaint_is_at_risk_once_its_next_breach_is_within_the_look_ahead()
    {
        Assert.False(Unanswered.IsAtRiskAt(ResponseBreach - Week, Week));
        Assert.True(Unanswered.IsAtRiskAt(ResponseBreach - Week + Duration.Epsilon, Week));
        Assert.True(Unanswered.IsAtRiskAt(ResponseBreach - Duration.Epsilon, Week));
        Assert.False(Unanswered.IsOverdueAt(ResponseBreach - Duration.Epsilon));
    }

    [Fact]
    public void from_its_breach_instant_it_is_overdue_and_no_longer_at_risk_even_before_the_breach_is_recorded()
    {
        Assert.True(Unanswered.IsOverdueAt(ResponseBreach));
        Assert.False(Unanswered.IsAtRiskAt(ResponseBreach, Week));
    }

    [Fact]
    public void an_answer_given_late_takes_it_off_the_overdue_list_and_the_final_answer_is_watched_next()
    {
        var late = ResponseBreach + Duration.FromDays(1);
        var answered = Unanswered.Responded(late);

        Assert.False(answered.IsOverdueAt(late));
        Assert.Equal(ComplaintClock.FinalResponse, answered.NextDeadline!.Clock);
        Assert.True(answered.IsAtRiskAt(answered.NextBreachInstant!.Value - Duration.FromDays(3), Week));
    }

    [Fact]
    public void a_closed_complaint_is_on_neither_list()
    {
        var closed = Unanswered.Responded(ResponseBreach - Duration.FromDays(1)).Closed(ResponseBreach);
        var muchLater = ResponseBreach + Duration.FromDays(100);

        Assert.False(closed.IsOverdueAt(muchLater));
        Assert.False(closed.IsAtRiskAt(closed.ReceivedAt, Duration.FromDays(365)));
    }
}
