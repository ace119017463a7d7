using Disputes.Domain.Clocks;
using Disputes.Domain.Complaints;
using Disputes.Domain.Complaints.Closing;
using Disputes.Domain.Complaints.Reopening;
using Disputes.Domain.Complaints.Responding;
using Disputes.Domain.Complaints.Reviewing;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Complaints;

/// <summary>Every step on a complaint: received, in review, responded, closed, reopened, and the refusals in between.</summary>
public class when_a_complaint_is_worked
{
    private static readonly LocalDate Received = new(2025, 3, 3);
    private static readonly Instant Day2 = Complaints.NewYork(Received.PlusDays(2), 10);
    private static readonly Instant Day5 = Complaints.NewYork(Received.PlusDays(5), 10);
    private static readonly Instant Day20 = Complaints.NewYork(Received.PlusDays(20), 10);
    private static readonly Instant Day30 = Complaints.NewYork(Received.PlusDays(30), 10);

    private static Complaint New() => Complaints.ReceivedOn(Received);

    [Fact]
    public void a_review_takes_a_new_complaint_up_and_meets_no_deadline()
    {
        var complaint = New().Reviewed(Day2);

        Assert.Equal(ComplaintStatus.InReview, complaint.Status);
        Assert.Equal(2, complaint.Version);
        Assert.All(complaint.Deadlines, d => Assert.Equal(ClockStatus.Pending, d.Status));
        Assert.Equal("complaint_review_started", complaint.Steps[^1].Type);
    }

    [Fact]
    public void a_second_review_is_refused()
    {
        var complaint = New().Reviewed(Day2);

        var refused = Assert.Throws<ComplaintRuleViolation>(() => ReviewComplaint.Decide(complaint, Day5));

        Assert.Equal(ComplaintRule.AlreadyInReview, refused.Rule);
    }

    [Fact]
    public void a_response_in_time_meets_the_response_deadline_and_leaves_the_final_answer_pending()
    {
        var complaint = New().Reviewed(Day2).Responded(Day5, "We have reversed the late fee.");

        Assert.Equal(ComplaintStatus.Responded, complaint.Status);
        Assert.Equal("We have reversed the late fee.", complaint.Response!.Text);
        Assert.Equal(ClockStatus.Met, complaint.ResponseDeadline.Status);
        Assert.Equal(Day5, complaint.ResponseDeadline.MetAt);
        Assert.Equal(ClockStatus.Pending, complaint.FinalResponseDeadline.Status);
        Assert.Same(complaint.FinalResponseDeadline, complaint.NextDeadline);
    }

    [Fact]
    public void a_complaint_can_be_answered_without_a_review_first()
    {
        var complaint = New().Responded(Day2);

        Assert.Equal(ComplaintStatus.Responded, complaint.Status);
    }

    [Fact]
    public void a_second_response_before_closing_is_refused()
    {
        var complaint = New().Responded(Day2);

        Assert.Equal(ComplaintRule.AlreadyResponded, Assert.Throws<ComplaintRuleViolation>(() => RespondToComplaint.Decide(complaint, "Again", Day5)).Rule);
        Assert.Equal(ComplaintRule.AlreadyResponded, Assert.Throws<ComplaintRuleViolation>(() => ReviewComplaint.Decide(complaint, Day5)).Rule);
    }

    [Fact]
    public void closing_before_the_cardmember_was_answered_is_refused()
    {
        var refused = Assert.Throws<ComplaintRuleViolation>(() => CloseComplaint.Decide(New().Reviewed(Day2), Day5));

        Assert.Equal(ComplaintRule.NotResponded, refused.Rule);
    }

    [Fact]
    public void closing_makes_the_answer_final_and_meets_the_final_answer_deadline()
    {
        var complaint = New().Responded(Day5).Closed(Day20);

        Assert.Equal(ComplaintStatus.Closed, complaint.Status);
        Assert.Equal(Day20, complaint.ClosedAt);
        Assert.Equal(ClockStatus.Met, complaint.FinalResponseDeadline.Status);
        Assert.Equal(Day20, complaint.FinalResponseDeadline.MetAt);
        Assert.Null(complaint.NextDeadline);
        Assert.Null(complaint.NextBreachInstant);
        Assert.False(complaint.IsOpen);
    }

    [Fact]
    public void responding_to_a_closed_complaint_is_refused_with_its_rule()
    {
        var closed = New().Responded(Day5).Closed(Day20);

        var refused = Assert.Throws<ComplaintRuleViolation>(() => RespondToComplaint.Decide(closed, "One more thing", Day30));

        Assert.Equal(ComplaintRule.ComplaintClosed, refused.Rule);
        Assert.Contains(closed.Reference, refused.Message);
    }

    [Fact]
    public void reviewing_or_closing_a_closed_complaint_is_refused_with_the_same_rule()
    {
        var closed = New().Responded(Day5).Closed(Day20);

        Assert.Equal(ComplaintRule.ComplaintClosed, Assert.Throws<ComplaintRuleViolation>(() => ReviewComplaint.Decide(closed, Day30)).Rule);
        Assert.Equal(ComplaintRule.ComplaintClosed, Assert.Throws<ComplaintRuleViolation>(() => CloseComplaint.Decide(closed, Day30)).Rule);
    }

    [Fact]
    public void reopening_takes_a_closed_complaint_up_again_without_restarting_its_deadlines()
    {
        var closed = New().Responded(Day5).Closed(Day20);

        var reopened = closed.After(ReopenComplaint.Decide(closed, "The cardmember disagrees with the answer", Day30));

        Assert.Equal(ComplaintStatus.Reopened, reopened.Status);
        Assert.True(reopened.IsOpen);
        Assert.Null(reopened.ClosedAt);
        Assert.Equal(closed.ResponseDeadline, reopened.ResponseDeadline);
        Assert.Equal(closed.FinalResponseDeadline, reopened.FinalResponseDeadline);
        Assert.Null(reopened.NextDeadline);
        Assert.Contains("do not start again", reopened.Steps[^1].Summary);
    }

    [Fact]
    public void a_reopened_complaint_is_reviewed_answered_and_closed_again()
    {
        var closed = New().Responded(Day5).Closed(Day20);
        var reopened = closed.After(ReopenComplaint.Decide(closed, "Disagrees", Day30));

        var again = reopened.Reviewed(Day30).Responded(Day30 + Duration.FromHours(1), "We looked again and refunded the fee.").Closed(Day30 + Duration.FromHours(2));

        Assert.Equal(ComplaintStatus.Closed, again.Status);
        Assert.Equal(2, again.Responses.Count);
        Assert.Equal("We looked again and refunded the fee.", again.Response!.Text);
        // The deadlines were met the first time and say so still.
        Assert.Equal(Day5, again.ResponseDeadline.MetAt);
        Assert.Equal(Day20, again.FinalResponseDeadline.MetAt);
    }

    [Fact]
    public void only_a_closed_complaint_can_be_reopened()
    {
        foreach (var open in new[] { New(), New().Reviewed(Day2), New().Responded(Day5) })
        {
            var refused = Assert.Throws<ComplaintRuleViolation>(() => ReopenComplaint.Decide(open, "Why not", Day30));
            Assert.Equal(ComplaintRule.NotClosed, refused.Rule);
        }
    }

    [Fact]
    public void the_allowed_steps_are_exactly_the_ones_the_decisions_accept_in_every_state()
    {
        var closed = New().Responded(Day5).Closed(Day20);
        var states = new[]
        {
            New(), New().Reviewed(Day2), New().Responded(Day5), closed,
            closed.After(ReopenComplaint.Decide(closed, "Disagrees", Day30)),
        };

        foreach (var complaint in states)
        {
            var allowed = ComplaintActions.AllowedFor(complaint);
            foreach (var action in Enum.GetValues<ComplaintAction>())
            {
                Func<IReadOnlyList<object>> step = action switch
                {
                    ComplaintAction.Review => () => ReviewComplaint.Decide(complaint, Day30),
                    ComplaintAction.Respond => () => RespondToComplaint.Decide(complaint, "An answer", Day30),
                    ComplaintAction.Close => () => CloseComplaint.Decide(complaint, Day30),
                    _ => () => ReopenComplaint.Decide(complaint, "Disagrees", Day30),
                };
                if (allowed.Contains(action))
                {
                    Assert.NotEmpty(step());
                }
                else
                {
                    Assert.Throws<ComplaintRuleViolation>(step);
                }
            }
        }
    }

    [Fact]
    public void replaying_the_stream_gives_the_same_complaint_as_folding_it()
    {
        var received = New();
        var events = new List<object> { Complaints.Log(received.ReceivedAt).Decide(Complaints.Account(), null, received.Id, received.Reference, received.LoggedAt) };
        var complaint = Complaint.Start((ComplaintReceived)events[0]);
        foreach (var step in new Func<Complaint, IReadOnlyList<object>>[]
                 {
                     c => ReviewComplaint.Decide(c, Day2), c => RespondToComplaint.Decide(c, "Answer", Day20), c => CloseComplaint.Decide(c, Day30),
                 })
        {
            var decided = step(complaint);
            events.AddRange(decided);
            complaint = complaint.After(decided);
        }

        var replayed = Complaint.Replay(events)!;

        Assert.Equal(complaint.Version, replayed.Version);
        Assert.Equal(complaint.Status, replayed.Status);
        Assert.Equal(complaint.ResponseDeadline, replayed.ResponseDeadline);
        Assert.Equal(complaint.FinalResponseDeadline, replayed.FinalResponseDeadline);
        Assert.Equal(complaint.Steps, replayed.Steps);
    }
}
