using Disputes.Domain.Accounts;
using Disputes.Domain.BillingCycles;
using Disputes.Domain.BusinessDays;
using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Billing;
using Disputes.Domain.Disputes.Opening;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Holds;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Opening;

/// <summary>
/// Rule book section 1: a notice about a charge on no statement yet is accepted as timely, its clocks run from receipt,
/// and it says "not yet billed" until the statement date is given; that date never makes it unprotected. An account in
/// New York closing on the 15th, a charge of 2025-02-28, the notice received 2025-03-03 at 15:00Z.
/// </summary>
public class when_the_charge_is_not_yet_billed
{
    private static readonly Instant ReceivedAt = Instant.FromUtc(2025, 3, 3, 15, 0);

    private static Account ClosingOnThe15th() =>
        Account.Start(Guid.NewGuid(), new AccountRegistered("acct-1", "America/New_York", new MonthlyClosingDay(15), Instant.FromUtc(2025, 1, 1, 15, 0)));

    private static OpenDispute Notice(LocalDate transactionDate) => new(
        "acct-1", "1005", "chat-a", BillingErrorKind.Unauthorized, "XYZ Store", 127.43m, "USD", transactionDate, null, ReceivedAt,
        "I did not make this purchase", null);

    private static Dispute Opened() => Dispute.Start(Notice(new LocalDate(2025, 2, 28)).Decide(ClosingOnThe15th(), "DSP-2025-000001", ReceivedAt));

    [Fact]
    public void the_notice_is_taken_as_timely_and_its_clocks_run_from_receipt()
    {
        var dispute = Opened();

        Assert.True(dispute.NotYetBilled);
        Assert.Null(dispute.FilingWindow);
        Assert.True(dispute.FcbaProtected);
        Assert.Equal((ClockStatus.Pending, new LocalDate(2025, 4, 2)), (dispute.AcknowledgmentClock.Status, dispute.AcknowledgmentClock.DueOn));
        Assert.Equal((ClockStatus.Pending, new LocalDate(2025, 5, 15)), (dispute.ResolutionClock.Status, dispute.ResolutionClock.DueOn));
        Assert.IsType<HoldPlaced>(Assert.Single(PlaceHold.Decide(dispute, null, BusinessDayCalendar.FederalReserve)));
        Assert.Contains(DisputeAction.RecordStatementDate, DisputeActions.AllowedFor(dispute));
    }

    [Fact]
    public void a_charge_dated_after_the_receipt_is_refused()
    {
        var refused = Assert.Throws<DisputeFieldViolation>(() => Notice(new LocalDate(2025, 3, 4)).Decide(ClosingOnThe15th(), "DSP-2025-000001", ReceivedAt));

        Assert.Equal("transactionDate", refused.Field);
    }

    [Fact]
    public void the_statement_date_shows_the_filing_window_and_leaves_the_clocks_alone()
    {
        var dispute = Opened();

        var events = RecordStatementDate.Decide(dispute, new LocalDate(2025, 3, 16), Instant.FromUtc(2025, 3, 17, 15, 0));
        var billed = events.Aggregate(dispute, (d, e) => d.Evolve(e));

        var recorded = Assert.IsType<StatementDateRecorded>(Assert.Single(events));
        Assert.Equal(new FilingWindow(new LocalDate(2025, 5, 15), true), recorded.FilingWindow);
        Assert.False(billed.NotYetBilled);
        Assert.Equal(new LocalDate(2025, 3, 16), billed.StatementTransmittedOn);
        Assert.Equal((dispute.AcknowledgmentClock, dispute.ResolutionClock), (billed.AcknowledgmentClock, billed.ResolutionClock));
        Assert.DoesNotContain(DisputeAction.RecordStatementDate, DisputeActions.AllowedFor(billed));
    }

    [Fact]
    public void a_statement_date_that_shows_the_notice_late_never_makes_it_unprotected()
    {
        // The charge was billed after all, on 2024-12-30: the window ended 2025-02-28, before the notice.
        var dispute = Dispute.Start(Notice(new LocalDate(2024, 12, 20)).Decide(ClosingOnThe15th(), "DSP-2025-000001", ReceivedAt));

        var billed = RecordStatementDate.Decide(dispute, new LocalDate(2024, 12, 30), Instant.FromUtc(2025, 3, 17, 15, 0))
            .Aggregate(dispute, (d, e) => d.Evolve(e));

        Assert.False(billed.FilingWindow!.Timely);
        Assert.True(billed.FcbaProtected);
        Assert.Equal(ClockStatus.Pending, billed.AcknowledgmentClock.Status);
        Assert.Equal(ClockStatus.Pending, billed.ResolutionClock.Status);
        Assert.Contains("stays protected", billed.Steps[^1].Summary);
    }

    [Fact]
    public void the_statement_date_is_given_once()
    {
        var billed = Opened().Evolve(new StatementDateRecorded(new LocalDate(2025, 3, 16), new FilingWindow(new LocalDate(2025, 5, 15), true),
            Instant.FromUtc(2025, 3, 17, 15, 0)));

        var refused = Assert.Throws<DisputeRuleViolation>(() => RecordStatementDate.Decide(billed, new LocalDate(2025, 3, 16), Instant.FromUtc(2025, 3, 18, 15, 0)));

        Assert.Equal(DisputeRule.StatementDateKnown, refused.Rule);
    }

    [Fact]
    public void a_statement_before_the_charge_or_after_today_is_refused()
    {
        var dispute = Opened();
        var now = Instant.FromUtc(2025, 3, 17, 15, 0);

        Assert.Contains("transaction date (2025-02-28)",
            Assert.Throws<DisputeFieldViolation>(() => RecordStatementDate.Decide(dispute, new LocalDate(2025, 2, 27), now)).Message);
        Assert.Contains("today (2025-03-17",
            Assert.Throws<DisputeFieldViolation>(() => RecordStatementDate.Decide(dispute, new LocalDate(2025, 3, 18), now)).Message);
    }

    [Fact]
    public void a_breach_due_before_the_statement_date_is_recorded_first()
    {
        // Acknowledgment due 04-02, breached 04-03T04:00Z; the statement date recorded on 04-05.
        var events = RecordStatementDate.Decide(Opened(), new LocalDate(2025, 3, 16), Instant.FromUtc(2025, 4, 5, 15, 0));

        Assert.Collection(events,
            e => Assert.Equal(ComplianceClock.Acknowledgment, Assert.IsType<DeadlineBreached>(e).Clock),
            e => Assert.IsType<StatementDateRecorded>(e));
    }

    [Theory]
    [InlineData(DisputeStatus.Resolved)]
    [InlineData(DisputeStatus.Withdrawn)]
    public void the_statement_date_is_a_fact_of_the_statement_and_is_taken_whatever_the_status(DisputeStatus status)
    {
        var at = Instant.FromUtc(2025, 3, 10, 15, 0);
        var ended = Opened().Evolve(status == DisputeStatus.Resolved
            ? new DisputeResolved(ResolutionOutcome.Corrected, 127.43m, null, null, null, at)
            : new DisputeWithdrawn(at, null));
        Assert.Contains(DisputeAction.RecordStatementDate, DisputeActions.AllowedFor(ended));

        var billed = RecordStatementDate.Decide(ended, new LocalDate(2025, 3, 16), Instant.FromUtc(2025, 3, 17, 15, 0)).Aggregate(ended, (d, e) => d.Evolve(e));

        Assert.Equal((status, new LocalDate(2025, 3, 16)), (billed.Status, billed.StatementTransmittedOn!.Value));
        Assert.DoesNotContain(DisputeAction.RecordStatementDate, DisputeActions.AllowedFor(billed));
    }

    [Fact]
    public void a_statement_on_the_day_of_the_charge_or_on_today_in_the_accounts_zone_is_taken()
    {
        // 2025-03-18T03:30Z is still 03-17 in New York.
        var now = Instant.FromUtc(2025, 3, 18, 3, 30);

        Assert.IsType<StatementDateRecorded>(Assert.Single(RecordStatementDate.Decide(Opened(), new LocalDate(2025, 2, 28), now)));
        Assert.IsType<StatementDateRecorded>(Assert.Single(RecordStatementDate.Decide(Opened(), new LocalDate(2025, 3, 17), now)));
        Assert.Equal("statementTransmittedOn",
            Assert.Throws<DisputeFieldViolation>(() => RecordStatementDate.Decide(Opened(), new LocalDate(2025, 3, 18), now)).Field);
    }

    [Fact]
    public void the_window_is_read_against_the_receipt_as_intake_read_it_in_either_zone()
    {
        // Rule book, "Dates and time zones": received 2025-03-03T06:30Z, 03-03 in New York and 03-02 in Los Angeles, where the
        // issuer processes. The statement of 2025-01-01 gives a last day of 03-02: timely in Los Angeles, so timely.
        var receivedAt = Instant.FromUtc(2025, 3, 3, 6, 30);
        var notice = Notice(new LocalDate(2024, 12, 20)) with { NoticeReceivedAt = receivedAt };
        var statementOn = new LocalDate(2025, 1, 1);
        var now = Instant.FromUtc(2025, 3, 17, 15, 0);

        var withProcessingZone = Dispute.Start(notice.Decide(ClosingOnThe15th(), "DSP-2025-000001", receivedAt, DateTimeZoneProviders.Tzdb["America/Los_Angeles"]));
        var accountZoneOnly = Dispute.Start(notice.Decide(ClosingOnThe15th(), "DSP-2025-000001", receivedAt));

        Assert.Equal(new FilingWindow(new LocalDate(2025, 3, 2), true),
            Assert.IsType<StatementDateRecorded>(Assert.Single(RecordStatementDate.Decide(withProcessingZone, statementOn, now))).FilingWindow);
        Assert.Equal(new FilingWindow(new LocalDate(2025, 3, 2), false),
            Assert.IsType<StatementDateRecorded>(Assert.Single(RecordStatementDate.Decide(accountZoneOnly, statementOn, now))).FilingWindow);
    }
}
