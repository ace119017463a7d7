using Disputes.Domain.Accounts;
using Disputes.Domain.BillingCycles;
using Disputes.Domain.BusinessDays;
using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Opening;
using Disputes.Domain.Holds;
using Disputes.Domain.Notices;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Opening;

/// <summary>
/// Rule book sections 1 to 3 at intake: the dates are checked against each other in the account's zone, the 60-day filing
/// window decides whether the clocks apply, and the account's calendar history sets the resolution deadline. An account in
/// New York closing on the 15th; a charge of 2025-02-10 on the statement of 2025-02-16, the notice received 2025-03-03 at 15:00Z.
/// </summary>
public class when_a_billed_charge_is_disputed
{
    private static readonly Instant ReceivedAt = Instant.FromUtc(2025, 3, 3, 15, 0);
    private static readonly Instant OpenedAt = Instant.FromUtc(2025, 3, 3, 15, 5);

    private static LocalDate Day(int year, int month, int day) => new(year, month, day);

    private static Account Registered(BillingCycleCalendar? calendar = null, string zone = "America/New_York", int? paymentPeriodDays = null) =>
        Account.Start(Guid.NewGuid(), new AccountRegistered("acct-1", zone, calendar ?? new MonthlyClosingDay(15), Instant.FromUtc(2025, 1, 1, 15, 0), paymentPeriodDays));

    private static OpenDispute Notice(
        LocalDate? transactionDate = null, LocalDate? statementOn = null, Instant? receivedAt = null, string chat = "chat-a",
        NoticeLanguage language = NoticeLanguage.En) => new(
        "acct-1", "1005", chat, BillingErrorKind.Unauthorized, "XYZ Store", 127.43m, "USD", transactionDate ?? Day(2025, 2, 10),
        statementOn ?? Day(2025, 2, 16), receivedAt ?? ReceivedAt, "I did not make this purchase", null, language);

    private static DisputeOpened Open(OpenDispute notice, Account? account = null, Instant? now = null) =>
        notice.Decide(account ?? Registered(), "DSP-2025-000001", now ?? OpenedAt);

    [Fact]
    public void a_timely_notice_starts_both_clocks_from_the_receipt()
    {
        var opened = Open(Notice());
        var dispute = Dispute.Start(opened);

        Assert.Equal(new FilingWindow(Day(2025, 4, 17), true), opened.FilingWindow);
        Assert.Equal(Day(2025, 4, 2), opened.AcknowledgmentDueOn);
        Assert.Equal(new ResolutionDeadline(Day(2025, 5, 15), ResolutionBasis.TwoCycles, null), opened.ResolutionDeadline);
        Assert.Equal((Day(2025, 3, 3), "America/New_York", NoticeChannel.Chat, OpenedAt), (opened.ReceivedOn, opened.TimeZoneId, opened.Channel, opened.OpenedAt));
        Assert.Equal((DisputeStatus.Open, true, false), (dispute.Status, dispute.FcbaProtected, dispute.NotYetBilled));
        Assert.Equal((ClockStatus.Pending, Day(2025, 4, 2)), (dispute.AcknowledgmentClock.Status, dispute.AcknowledgmentClock.DueOn));
        Assert.Equal((ClockStatus.Pending, Day(2025, 5, 15)), (dispute.ResolutionClock.Status, dispute.ResolutionClock.DueOn));
        Assert.Equal(DisputeAction.Acknowledge, DisputeActions.AllowedFor(dispute)[0]);
        Assert.DoesNotContain(DisputeAction.RecordStatementDate, DisputeActions.AllowedFor(dispute));
    }

    [Theory]
    [InlineData("2025-04-01T03:30:00Z", true)] // 23:30 on 03-31 in New York, the last day
    [InlineData("2025-04-01T04:00:00Z", false)] // midnight starting 04-01 in New York
    public void the_window_ends_60_days_after_the_statement_and_the_local_date_of_the_receipt_decides(string receivedAt, bool timely)
    {
        // Rule book section 1: statement transmitted 01-30, last day to receive 03-31.
        var at = NodaTime.Text.InstantPattern.ExtendedIso.Parse(receivedAt).Value;

        var opened = Open(Notice(Day(2025, 1, 20), Day(2025, 1, 30), at), now: at);

        Assert.Equal(new FilingWindow(Day(2025, 3, 31), timely), opened.FilingWindow);
        Assert.Equal(timely, Dispute.Start(opened).FcbaProtected);
    }

    [Fact]
    public void a_late_notice_is_recorded_and_worked_but_runs_no_clock_and_holds_nothing()
    {
        // Received 04-18 for the statement of 02-16: the window ended 04-17.
        var at = Instant.FromUtc(2025, 4, 18, 15, 0);

        var opened = Open(Notice(receivedAt: at), now: at);
        var dispute = Dispute.Start(opened);

        Assert.Equal(new FilingWindow(Day(2025, 4, 17), false), opened.FilingWindow);
        Assert.Null(opened.AcknowledgmentDueOn);
        Assert.Null(opened.ResolutionDeadline);
        Assert.False(dispute.FcbaProtected);
        Assert.Equal((ClockStatus.NotApplicable, ClockStatus.NotApplicable), (dispute.AcknowledgmentClock.Status, dispute.ResolutionClock.Status));
        Assert.Empty(PlaceHold.Decide(dispute, null, BusinessDayCalendar.FederalReserve));
        Assert.Contains(DisputeAction.Resolve, DisputeActions.AllowedFor(dispute));
        Assert.Empty(dispute.BreachesDueBy(at + Duration.FromDays(365)));
    }

    [Theory]
    [InlineData(15, "2025-05-15", ResolutionBasis.TwoCycles)] // C0 03-15, C2 05-15, not received + 2 cycles (05-02)
    [InlineData(3, "2025-05-03", ResolutionBasis.TwoCycles)] // received on a closing day: C0 is that day
    [InlineData(2, "2025-06-01", ResolutionBasis.NinetyDayCap)] // C0 04-02, C2 06-02: after received + 90
    public void the_resolution_is_due_at_the_second_complete_cycle_or_on_day_90_whichever_comes_first(int closingDay, string due, ResolutionBasis basis)
    {
        var opened = Open(Notice(), Registered(new MonthlyClosingDay(closingDay)));

        Assert.Equal(new ResolutionDeadline(NodaTime.Text.LocalDatePattern.Iso.Parse(due).Value, basis, null), opened.ResolutionDeadline);
    }

    [Fact]
    public void a_calendar_that_cannot_tell_the_cycle_of_the_receipt_gives_the_90_day_cap_and_says_why()
    {
        var opened = Open(Notice(), Registered(new ExplicitClosingDates([Day(2025, 3, 15), Day(2025, 4, 14)])));

        Assert.Equal((Day(2025, 6, 1), ResolutionBasis.NinetyDayCap), (opened.ResolutionDeadline!.DueOn, opened.ResolutionDeadline.Basis));
        Assert.Contains("no closing date on or before 2025-03-03", opened.ResolutionDeadline.CapReason);
        Assert.Contains("no closing date after 2025-04-14", opened.ResolutionDeadline.CapReason);
        Assert.Equal(opened.ResolutionDeadline.CapReason, Dispute.Start(opened).ResolutionClock.CapReason);
    }

    [Fact]
    public void an_intake_keyed_in_after_a_calendar_change_counts_the_closings_that_had_happened()
    {
        // Rule book section 3: closing day 15, notice received 03-03; on 04-20 the closing day becomes the 1st. 03-15 and
        // 04-15 have closed and the next closing is 05-01, so C2 = 05-01 (not 06-01, which a rewritten calendar would give).
        var account = Registered().Evolve(new AccountUpdated("America/New_York", new MonthlyClosingDay(1), Instant.FromUtc(2025, 4, 20, 15, 0)));

        var opened = Open(Notice(), account, Instant.FromUtc(2025, 4, 25, 15, 0));

        Assert.Equal(new ResolutionDeadline(Day(2025, 5, 1), ResolutionBasis.TwoCycles, null), opened.ResolutionDeadline);
        Assert.Equal(Day(2025, 4, 2), opened.AcknowledgmentDueOn);
    }

    [Fact]
    public void the_receipt_is_read_in_the_accounts_zone_not_in_utc()
    {
        // 03:30Z on 03-04 is still 03-03 in Los Angeles.
        var opened = Open(Notice(receivedAt: Instant.FromUtc(2025, 3, 4, 3, 30)), Registered(zone: "America/Los_Angeles"));

        Assert.Equal((Day(2025, 3, 3), Day(2025, 4, 2)), (opened.ReceivedOn, opened.AcknowledgmentDueOn!.Value));
        Assert.Equal("America/Los_Angeles", opened.TimeZoneId);
    }

    [Fact]
    public void a_statement_and_charge_on_the_day_of_the_receipt_are_accepted()
    {
        var opened = Open(Notice(Day(2025, 3, 3), Day(2025, 3, 3)));

        Assert.Equal(new FilingWindow(Day(2025, 5, 2), true), opened.FilingWindow);
    }

    [Fact]
    public void a_charge_dated_after_its_statement_is_refused()
    {
        var refused = Assert.Throws<DisputeFieldViolation>(() => Open(Notice(transactionDate: Day(2025, 2, 20))));

        Assert.Equal(("transactionDate", "must be on or before statementTransmittedOn."), Assert.Single(refused.Violations));
    }

    [Fact]
    public void a_statement_dated_after_the_receipt_in_the_accounts_zone_is_refused()
    {
        // 2025-03-01T03:00Z is still 02-28 in New York: a statement of 03-01 comes after the receipt.
        var refused = Assert.Throws<DisputeFieldViolation>(() =>
            Open(Notice(Day(2025, 2, 20), Day(2025, 3, 1), Instant.FromUtc(2025, 3, 1, 3, 0))));

        var (field, message) = Assert.Single(refused.Violations);
        Assert.Equal("statementTransmittedOn", field);
        Assert.Contains("(2025-02-28 in America/New_York)", message);
    }

    [Fact]
    public void every_date_out_of_order_is_named_in_one_refusal()
    {
        var refused = Assert.Throws<DisputeFieldViolation>(() => Open(Notice(Day(2025, 3, 10), Day(2025, 3, 5))));

        Assert.Equal(["transactionDate", "statementTransmittedOn"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void the_same_notice_maps_to_the_same_dispute_and_another_chat_to_another()
    {
        Assert.Equal(Open(Notice()).DisputeId, Open(Notice()).DisputeId);
        Assert.NotEqual(Open(Notice()).DisputeId, Open(Notice(chat: "chat-b")).DisputeId);
    }

    [Fact]
    public void the_accounts_payment_period_and_the_cardmembers_language_are_kept_from_intake()
    {
        var dispute = Dispute.Start(Open(Notice(language: NoticeLanguage.Es), Registered(paymentPeriodDays: 7)));

        Assert.Equal((7, NoticeLanguage.Es), (dispute.PaymentPeriodDays, dispute.Language));
        Assert.Equal(Account.DefaultPaymentPeriodDays, Dispute.Start(Open(Notice())).PaymentPeriodDays);
    }
}
