using Disputes.Domain.Clocks;
using Disputes.Domain.Complaints;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Complaints;

/// <summary>The 15- and 60-day deadlines, counted in calendar days from the receipt's local date.</summary>
public class when_a_complaint_is_logged
{
    [Fact]
    public void the_response_is_due_15_days_and_the_final_answer_60_days_after_receipt()
    {
        var complaint = Complaints.ReceivedOn(new LocalDate(2025, 3, 3));

        Assert.Equal(ComplaintStatus.Received, complaint.Status);
        Assert.Equal(new LocalDate(2025, 3, 18), complaint.ResponseDeadline.DueOn);
        Assert.Equal(new LocalDate(2025, 5, 2), complaint.FinalResponseDeadline.DueOn);
        Assert.All(complaint.Deadlines, d => Assert.Equal(ClockStatus.Pending, d.Status));
        Assert.Same(complaint.ResponseDeadline, complaint.NextDeadline);
    }

    [Fact]
    public void the_days_are_calendar_days_counted_over_weekends_and_month_ends()
    {
        // Received on a Saturday: the 15th day is a Sunday and still the due date.
        var complaint = Complaints.ReceivedOn(new LocalDate(2025, 1, 25));

        Assert.Equal(new LocalDate(2025, 2, 9), complaint.ResponseDeadline.DueOn);
        Assert.Equal(IsoDayOfWeek.Sunday, complaint.ResponseDeadline.DueOn.DayOfWeek);
        Assert.Equal(new LocalDate(2025, 3, 26), complaint.FinalResponseDeadline.DueOn);
    }

    [Fact]
    public void a_receipt_late_in_the_utc_night_counts_from_the_local_date()
    {
        // 03:00 UTC on March 1 is still February 28 in New York.
        var complaint = Complaints.ReceivedAt(Instant.FromUtc(2025, 3, 1, 3, 0));

        Assert.Equal(new LocalDate(2025, 2, 28), complaint.ReceivedOn);
        Assert.Equal(new LocalDate(2025, 3, 15), complaint.ResponseDeadline.DueOn);
    }

    [Fact]
    public void each_deadline_breaches_at_the_local_midnight_after_its_due_date()
    {
        // Due 2025-03-18, after New York moved to daylight time: the breach is 04:00 UTC on the 19th.
        var complaint = Complaints.ReceivedOn(new LocalDate(2025, 3, 3));

        Assert.Equal(Instant.FromUtc(2025, 3, 19, 4, 0), complaint.ResponseDeadline.BreachInstant(complaint.TimeZone));
        Assert.Equal(Instant.FromUtc(2025, 5, 3, 4, 0), complaint.FinalResponseDeadline.BreachInstant(complaint.TimeZone));
        Assert.Equal(Instant.FromUtc(2025, 3, 19, 4, 0), complaint.NextBreachInstant);
    }

    [Fact]
    public void a_complaint_about_a_dispute_counts_in_the_time_zone_the_dispute_was_opened_in()
    {
        // The account has moved to Honolulu since the dispute was opened in New York.
        var account = Complaints.Account(zoneId: "Pacific/Honolulu");
        var dispute = Complaints.Dispute("acct-1001", "America/New_York");

        // 04:30 UTC on March 10 is 00:30 on March 10 in New York, but 18:30 on March 9 in Honolulu.
        var received = Complaints.Log(Instant.FromUtc(2025, 3, 10, 4, 30), dispute.Id)
            .Decide(account, dispute, Guid.NewGuid(), "CMP-2025-000002", Instant.FromUtc(2025, 3, 10, 5, 0));

        Assert.Equal("America/New_York", received.TimeZoneId);
        Assert.Equal(new LocalDate(2025, 3, 10), received.ReceivedOn);
        Assert.Equal(new LocalDate(2025, 3, 25), received.ResponseDueOn);
        Assert.Equal(dispute.Id, received.DisputeId);
        Assert.Equal(dispute.CaseNumber, received.CaseNumber);
    }

    [Fact]
    public void a_complaint_without_a_dispute_counts_in_the_accounts_time_zone()
    {
        var account = Complaints.Account(zoneId: "Pacific/Honolulu");

        var received = Complaints.Log(Instant.FromUtc(2025, 3, 10, 4, 30)).Decide(account, null, Guid.NewGuid(), "CMP-2025-000003", Instant.FromUtc(2025, 3, 10, 5, 0));

        Assert.Equal("Pacific/Honolulu", received.TimeZoneId);
        Assert.Equal(new LocalDate(2025, 3, 9), received.ReceivedOn);
        Assert.Null(received.DisputeId);
        Assert.Null(received.CaseNumber);
    }

    [Fact]
    public void a_dispute_of_another_account_is_refused_naming_the_field()
    {
        var account = Complaints.Account("acct-1001");
        var theirs = Complaints.Dispute("acct-2002", "America/New_York");

        var refused = Assert.Throws<ComplaintFieldViolation>(() =>
            Complaints.Log(Instant.FromUtc(2025, 3, 10, 15, 0), theirs.Id).Decide(account, theirs, Guid.NewGuid(), "CMP-2025-000004", Instant.FromUtc(2025, 3, 10, 15, 0)));

        Assert.Equal("disputeId", refused.Field);
    }

    [Fact]
    public void a_dispute_that_was_named_but_not_found_is_refused_naming_the_field()
    {
        var refused = Assert.Throws<ComplaintFieldViolation>(() =>
            Complaints.Log(Instant.FromUtc(2025, 3, 10, 15, 0), Guid.NewGuid()).Decide(Complaints.Account(), null, Guid.NewGuid(), "CMP-2025-000005", Instant.FromUtc(2025, 3, 10, 15, 0)));

        Assert.Equal("disputeId", refused.Field);
    }
}
