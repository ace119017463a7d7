using Disputes.Domain.Disputes;
using Disputes.Domain.Holds;
using Disputes.Domain.Holds.Activity;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Holds;

/// <summary>
/// Rule book sections 4 and 6: activity a standing hold forbade when it happened is a violation with the forfeiture of
/// 15 USC 1666(e), counted once per dispute; anything else is recorded as allowed.
/// </summary>
public class when_judging_account_activity
{
    // Received Monday 2025-03-03 at noon in New York; pending until the resolution on 03-20.
    private static readonly Instant WhilePending = Instant.FromUtc(2025, 3, 10, 15, 0);
    private static readonly Instant Now = Instant.FromUtc(2025, 3, 12, 15, 0);
    private static readonly Instant Resolved = Instant.FromUtc(2025, 3, 20, 15, 0);
    private static readonly LocalDate DueOn = new(2025, 4, 14);

    private static AccountActivity Collection(Instant at, decimal? amount = null, decimal? balance = null) =>
        new(ActivityKind.CollectionAttempt, at, amount, balance);

    private static AccountActivity Autopay(Instant at, decimal? amount = null, decimal? balance = null) =>
        new(ActivityKind.AutopayDebit, at, amount, balance);

    private static AccountActivity Report(Instant at, CreditReportStatus status, string? cause = null) =>
        new(ActivityKind.BureauReport, at, ReportedStatus: status, StatedCause: cause);

    private static AccountActivity Restriction(Instant at, string? cause = null) => new(ActivityKind.AccountRestriction, at, StatedCause: cause);

    private static object Judge(HeldDispute held, AccountActivity activity, Instant? now = null, decimal others = 0m)
    {
        var events = JudgeActivity.Decide(activity, held.Dispute, held.Hold, now ?? Now, others);
        held.Apply(events);
        return events[^1];
    }

    private static HoldViolated Violated(HeldDispute held, AccountActivity activity, Instant? now = null, decimal others = 0m) =>
        Assert.IsType<HoldViolated>(Judge(held, activity, now, others));

    private static AllowedActivityRecorded Allowed(HeldDispute held, AccountActivity activity, Instant? now = null, decimal others = 0m) =>
        Assert.IsType<AllowedActivityRecorded>(Judge(held, activity, now, others));

    private static HeldDispute Explained()
    {
        var held = HeldDispute.Opened();
        held.Explain(127.43m, DueOn, Resolved);
        return held;
    }

    private static HeldDispute Reasserted()
    {
        var held = Explained();
        held.Reopen(Instant.FromUtc(2025, 4, 1, 15, 0));
        return held;
    }

    [Fact]
    public void a_collection_attempt_on_the_disputed_amount_while_pending_is_a_violation_with_the_forfeiture()
    {
        var held = HeldDispute.Opened();

        var violated = Violated(held, Collection(WhilePending, 127.43m, 127.43m));

        Assert.Equal(("12 CFR 1026.13(d)(1)", HoldStage.Pending, 127.43m, 50m, false),
            (violated.Rule, violated.Stage, violated.HeldAmount, violated.ForfeitureExposure, violated.ForfeitureAlreadyCounted));
        Assert.Equal(Collection(WhilePending, 127.43m, 127.43m), violated.Activity);
        Assert.Equal(Now, violated.RecordedAt);
        Assert.Contains("drew 127.43 on a balance of 127.43, of which only 0.00 is not held", violated.Why);
    }

    [Fact]
    public void a_collection_attempt_on_the_undisputed_balance_only_is_allowed()
    {
        var held = HeldDispute.Opened();

        var allowed = Allowed(held, Collection(WhilePending, 300m, 500m));

        Assert.Equal(HoldStage.Pending, allowed.Stage);
        Assert.Contains("leaving the 127.43 held out", allowed.Why);
        Violated(held, Collection(WhilePending, 372.58m, 500m));
    }

    [Fact]
    public void without_an_amount_and_balance_a_collection_attempt_is_taken_to_reach_the_held_amount()
    {
        var violated = Violated(HeldDispute.Opened(), Collection(WhilePending));

        Assert.Contains("gave no amount and balance", violated.Why);
    }

    [Fact]
    public void the_other_disputes_holds_on_the_account_are_left_out_too()
    {
        Assert.IsType<AllowedActivityRecorded>(Judge(HeldDispute.Opened(), Collection(WhilePending, 300m, 500m)));
        Assert.IsType<HoldViolated>(Judge(HeldDispute.Opened(), Collection(WhilePending, 300m, 500m), others: 100m));
    }

    [Fact]
    public void the_forfeiture_is_the_disputed_amount_and_its_charges_capped_at_50_and_counted_once()
    {
        var held = HeldDispute.Opened(amount: 30m);
        held.FinanceCharges(2m, WhilePending - Duration.FromDays(1));

        var first = Violated(held, Collection(WhilePending));
        var second = Violated(held, Report(WhilePending, CreditReportStatus.Delinquent));

        Assert.Equal((32m, false), (first.ForfeitureExposure, first.ForfeitureAlreadyCounted));
        Assert.Equal((32m, true), (second.ForfeitureExposure, second.ForfeitureAlreadyCounted));
        Assert.Equal(32m, Noncompliance.Exposure(held.Dispute, held.Hold));
        Assert.Equal(2, held.PlacedHold.Violations.Count);
    }

    [Fact]
    public void after_a_missed_deadline_the_forfeiture_is_already_counted_and_the_breach_is_recorded_first()
    {
        // The acknowledgment was due 04-02; the report of March's collection attempt comes on 04-10.
        var held = HeldDispute.Opened();
        var now = Instant.FromUtc(2025, 4, 10, 15, 0);

        var events = JudgeActivity.Decide(Collection(WhilePending), held.Dispute, held.Hold, now);

        Assert.IsType<DeadlineBreached>(events[0]);
        Assert.True(Assert.IsType<HoldViolated>(events[^1]).ForfeitureAlreadyCounted);
        held.Apply(events);
        Assert.Equal(50m, Noncompliance.Exposure(held.Dispute, held.Hold));
    }

    [Fact]
    public void with_no_violation_and_no_missed_deadline_nothing_is_forfeited()
    {
        var held = HeldDispute.Opened();
        Allowed(held, Report(WhilePending, CreditReportStatus.InDispute));

        Assert.Null(Noncompliance.Exposure(held.Dispute, held.Hold));
    }

    [Fact]
    public void activity_is_judged_by_the_hold_as_it_stood_when_it_happened_however_late_it_is_reported()
    {
        var held = HeldDispute.Opened();
        held.Withdraw(Instant.FromUtc(2025, 3, 15, 15, 0));

        Assert.IsType<HoldViolated>(Judge(held, Collection(WhilePending), Instant.FromUtc(2025, 3, 25, 15, 0)));
        Assert.Null(Allowed(held, Collection(Instant.FromUtc(2025, 3, 16, 15, 0))).Stage);
        Assert.Contains("No billing-error hold", Allowed(held, Collection(Instant.FromUtc(2025, 3, 1, 15, 0))).Why);
    }

    [Fact]
    public void a_late_notice_holds_nothing_so_everything_is_allowed()
    {
        var late = Given.DisputeReceivedOn(new LocalDate(2025, 3, 3), statementDaysBefore: 90);

        var judged = JudgeActivity.Decide(Report(WhilePending, CreditReportStatus.Delinquent), late, null, Now);

        Assert.Null(Assert.IsType<AllowedActivityRecorded>(Assert.Single(judged)).Stage);
    }

    [Fact]
    public void an_autopay_debit_of_the_disputed_amount_when_the_notice_met_the_cutoff_is_a_violation()
    {
        // Payment Friday 03-07, cut-off Tuesday 03-04, notice Monday 03-03.
        var held = HeldDispute.Opened(nextAutopayOn: new LocalDate(2025, 3, 7));

        var violated = Violated(held, Autopay(Instant.FromUtc(2025, 3, 7, 14, 0), 127.43m, 127.43m));

        Assert.Equal("12 CFR 1026.13(d)(1); comment 13(d)(1)-3", violated.Rule);
        Assert.Contains("2025-03-07", violated.Why);
        Assert.IsType<AllowedActivityRecorded>(Judge(held, Autopay(Instant.FromUtc(2025, 3, 7, 14, 0), 60m, 187.43m)));
    }

    [Fact]
    public void when_the_notice_missed_the_cutoff_the_scheduled_payment_may_take_it_and_later_deductions_may_not()
    {
        // Payment Wednesday 03-05, cut-off Friday 02-28, notice Monday 03-03.
        var held = HeldDispute.Opened(nextAutopayOn: new LocalDate(2025, 3, 5));

        var allowed = Allowed(held, Autopay(Instant.FromUtc(2025, 3, 5, 14, 0), 127.43m, 127.43m));
        var violated = Violated(held, Autopay(Instant.FromUtc(2025, 3, 12, 14, 0), 127.43m, 127.43m), Instant.FromUtc(2025, 3, 13, 0, 0));

        Assert.Contains("after the cut-off of 2025-02-28 for the payment scheduled on 2025-03-05", allowed.Why);
        Assert.Equal(HoldStage.Pending, violated.Stage);
    }

    [Theory]
    [InlineData("2026-07-02", true, "Thursday: Saturday July 4 leaves Friday July 3 a business day, so the cut-off is Thursday")]
    [InlineData("2026-07-03", false, "Friday July 3 is past the cut-off")]
    public void the_cutoff_across_a_weekend_and_a_saturday_holiday_decides_whether_tuesdays_autopay_may_take_it(string received, bool violation, string why)
    {
        var receivedOn = NodaTime.Text.LocalDatePattern.Iso.Parse(received).Value;
        var held = HeldDispute.Opened(nextAutopayOn: new LocalDate(2026, 7, 7), receivedOn: receivedOn);
        var debit = Autopay(Instant.FromUtc(2026, 7, 7, 14, 0), 127.43m, 127.43m);

        var judged = Judge(held, debit, Instant.FromUtc(2026, 7, 7, 15, 0));

        Assert.True(violation == judged is HoldViolated, why);
    }

    [Fact]
    public void an_autopay_debit_on_an_account_without_scheduled_autopay_is_judged_by_what_it_took()
    {
        var held = HeldDispute.Opened();

        Assert.IsType<HoldViolated>(Judge(held, Autopay(WhilePending, 200m, 200m)));
        Assert.IsType<AllowedActivityRecorded>(Judge(held, Autopay(WhilePending, 72.57m, 200m)));
    }

    [Theory]
    [InlineData(CreditReportStatus.Delinquent)]
    [InlineData(CreditReportStatus.DelinquentInDispute)]
    public void a_delinquent_report_while_pending_is_a_violation_even_marked_in_dispute(CreditReportStatus status)
    {
        var violated = Violated(HeldDispute.Opened(), Report(WhilePending, status));

        Assert.Equal("12 CFR 1026.13(d)(2); 15 USC 1666a(a)", violated.Rule);
    }

    [Fact]
    public void a_report_in_dispute_is_what_the_hold_requires()
    {
        var allowed = Allowed(HeldDispute.Opened(), Report(WhilePending, CreditReportStatus.InDispute));

        Assert.Equal("Reported as in dispute, as required.", allowed.Why);
        Assert.False(allowed.NoticeOfReportingOwed);
    }

    [Fact]
    public void a_current_report_is_not_adverse_but_should_have_said_in_dispute()
    {
        var allowed = Allowed(HeldDispute.Opened(), Report(WhilePending, CreditReportStatus.Current));

        Assert.Contains("1681s-2(a)(3)", allowed.Why);
    }

    [Fact]
    public void a_delinquency_the_reporter_puts_down_to_another_cause_is_allowed()
    {
        var allowed = Allowed(HeldDispute.Opened(), Report(WhilePending, CreditReportStatus.Delinquent, "Past due on undisputed purchases"));

        Assert.Contains("other than the disputed amount", allowed.Why);
        Assert.Equal("Past due on undisputed purchases", allowed.Activity.StatedCause);
    }

    [Fact]
    public void a_bureau_report_needs_a_status()
    {
        var error = Assert.Throws<DisputeFieldViolation>(() =>
            JudgeActivity.Decide(new AccountActivity(ActivityKind.BureauReport, WhilePending), HeldDispute.Opened().Dispute, null, Now));

        Assert.Equal("status", error.Field);
        Assert.Equal("amount", Assert.Throws<DisputeFieldViolation>(() =>
            JudgeActivity.Decide(Collection(WhilePending, -1m), HeldDispute.Opened().Dispute, null, Now)).Field);
    }

    [Fact]
    public void restricting_the_account_while_pending_with_no_other_cause_is_a_violation()
    {
        var held = HeldDispute.Opened();

        var violated = Violated(held, Restriction(WhilePending));
        var allowed = Allowed(held, Restriction(WhilePending, "Suspected fraud on the card"));

        Assert.Equal("15 USC 1666(d)", violated.Rule);
        Assert.Contains("cause other than the dispute", allowed.Why);
    }

    [Fact]
    public void restricting_the_account_after_the_explanation_is_not_barred_by_the_hold()
    {
        Assert.IsType<AllowedActivityRecorded>(Judge(Explained(), Restriction(Instant.FromUtc(2025, 4, 1, 15, 0)), Instant.FromUtc(2025, 4, 1, 16, 0)));
    }

    [Fact]
    public void in_the_payment_period_the_amount_owed_is_neither_collected_nor_reported_as_delinquent_before_it_is_due()
    {
        // Due 04-14: the last moment is 04-15T03:59:59Z in New York.
        var lastMoment = Instant.FromUtc(2025, 4, 15, 3, 59, 59);
        var now = Instant.FromUtc(2025, 4, 15, 3, 59, 59);
        var held = Explained();

        var report = Violated(held, Report(lastMoment, CreditReportStatus.Delinquent), now);
        var collection = Violated(held, Collection(lastMoment), now);

        Assert.Equal(("12 CFR 1026.13(g)(3); 15 USC 1666a(a)", HoldStage.PaymentPeriod), (report.Rule, report.Stage));
        Assert.Contains("2025-04-14", report.Why);
        Assert.Equal("12 CFR 1026.13(g)(2)", collection.Rule);
    }

    [Fact]
    public void in_the_payment_period_autopay_may_pay_the_amount_owed_on_its_due_date_but_not_before()
    {
        var held = Explained();
        var now = Instant.FromUtc(2025, 4, 15, 0, 0);

        Assert.IsType<HoldViolated>(Judge(held, Autopay(Instant.FromUtc(2025, 4, 10, 14, 0), 127.43m, 127.43m), now));
        Assert.Contains("on its due date", Allowed(held, Autopay(Instant.FromUtc(2025, 4, 14, 14, 0), 127.43m, 127.43m), now).Why);
    }

    [Fact]
    public void once_the_payment_period_has_passed_the_hold_is_released_first_and_a_delinquent_report_is_allowed()
    {
        var held = Explained();
        var periodEnds = Instant.FromUtc(2025, 4, 15, 4, 0);

        var events = JudgeActivity.Decide(Report(periodEnds, CreditReportStatus.Delinquent), held.Dispute, held.Hold, periodEnds);

        Assert.Equal(new HoldReleased(HoldRelease.PaymentPeriodEnded, null, periodEnds), events[0]);
        Assert.Null(Assert.IsType<AllowedActivityRecorded>(events[1]).Stage);
    }

    [Fact]
    public void after_a_reassertion_and_the_payment_period_a_delinquent_report_must_say_in_dispute_and_the_cardmember_be_told()
    {
        var held = Reasserted();
        var after = Instant.FromUtc(2025, 4, 20, 15, 0);

        var plain = Violated(held, Report(after, CreditReportStatus.Delinquent), after);
        var marked = Allowed(held, Report(after, CreditReportStatus.DelinquentInDispute), after);

        Assert.Equal(("12 CFR 1026.13(g)(4)", HoldStage.ReportOnlyAsInDispute), (plain.Rule, plain.Stage));
        Assert.False(plain.ForfeitureAlreadyCounted);
        Assert.Equal(HoldStage.ReportOnlyAsInDispute, marked.Stage);
        Assert.True(marked.NoticeOfReportingOwed);
    }

    [Fact]
    public void after_a_reassertion_the_payment_period_still_runs_and_then_collection_is_allowed()
    {
        var held = Reasserted();

        var early = Violated(held, Report(Instant.FromUtc(2025, 4, 10, 15, 0), CreditReportStatus.DelinquentInDispute), Instant.FromUtc(2025, 4, 10, 16, 0));
        var collected = Allowed(held, Collection(Instant.FromUtc(2025, 4, 20, 15, 0)), Instant.FromUtc(2025, 4, 20, 16, 0));

        Assert.Equal(HoldStage.PaymentPeriodReasserted, early.Stage);
        Assert.Equal(HoldStage.ReportOnlyAsInDispute, collected.Stage);
    }
}
