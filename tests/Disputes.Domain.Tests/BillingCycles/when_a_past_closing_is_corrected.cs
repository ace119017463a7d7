using Disputes.Domain.Accounts;
using Disputes.Domain.BillingCycles;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.BillingCycles;

/// <summary>
/// Rule book section 3: a past closing recorded wrongly is fixed only by an explicit correction. An account in New York
/// closing on the 2nd; a notice received 2025-03-03 (C0 04-02, C2 06-02, so the 90-day cap: due 06-01).
/// </summary>
public class when_a_past_closing_is_corrected
{
    private static readonly LocalDate Received = new(2025, 3, 3);
    private static readonly Instant OnMarch10 = Instant.FromUtc(2025, 3, 10, 15, 0);

    private static LocalDate Day(int month, int day) => new(2025, month, day);

    private static Account Registered(BillingCycleCalendar calendar) =>
        Account.Start(Guid.NewGuid(), new AccountRegistered("acct-1", "America/New_York", calendar, Instant.FromUtc(2025, 1, 1, 15, 0)));

    private static PastClosingCorrected Correct(Account account, LocalDate? recorded, LocalDate correct, Instant? at = null) =>
        new CorrectPastClosing(recorded, correct, "The statement run of March slipped two days.").Decide(account, at ?? OnMarch10);

    private static string Refusal(Account account, LocalDate? recorded, LocalDate correct, Instant? at = null, string field = "correctClosingDate")
    {
        var refused = Assert.Throws<DisputeFieldViolation>(() => Correct(account, recorded, correct, at));
        return Assert.Single(refused.Violations, v => v.Field == field).Message;
    }

    [Fact]
    public void the_closing_moves_to_the_day_it_happened_and_the_deadline_follows()
    {
        // 03-02 really closed on 03-04, after the receipt: the notice arrived in the cycle closing 03-04, so C2 is 05-02.
        var account = Registered(new MonthlyClosingDay(2));
        Assert.Equal(Day(6, 1), ResolutionDeadline.Compute(Received, account.History).DueOn);

        var corrected = account.Evolve(Correct(account, Day(3, 2), Day(3, 4)));

        Assert.Equal([Day(2, 2), Day(3, 4), Day(4, 2), Day(5, 2)], corrected.History.ClosingDatesOnOrAfter(Day(2, 1)).Take(4));
        Assert.Equal(new ResolutionDeadline(Day(5, 2), ResolutionBasis.TwoCycles, null), ResolutionDeadline.Compute(Received, corrected.History));
        Assert.Equal(new MonthlyClosingDay(2), corrected.Calendar);
        Assert.Equal([new ClosingCorrection(Day(3, 2), Day(3, 4))], corrected.History.Corrections);
    }

    [Fact]
    public void a_closing_the_calendar_did_not_record_is_added_so_it_reaches_back_to_the_receipt()
    {
        // The list starts after the receipt, so the cap applied with a reason; the missed 02-15 closing makes C0 03-15.
        var account = Registered(new ExplicitClosingDates([Day(3, 15), Day(4, 15), Day(5, 15)]));
        Assert.NotNull(ResolutionDeadline.Compute(Received, account.History).CapReason);

        var corrected = account.Evolve(Correct(account, null, Day(2, 15)));

        Assert.Equal([Day(2, 15), Day(3, 15), Day(4, 15)], corrected.History.ClosingDatesOnOrAfter(Day(1, 1)).Take(3));
        Assert.Equal(new ResolutionDeadline(Day(5, 15), ResolutionBasis.TwoCycles, null), ResolutionDeadline.Compute(Received, corrected.History));
    }

    [Fact]
    public void a_closing_corrected_twice_is_one_correction_and_corrected_back_is_none()
    {
        var account = Registered(new MonthlyClosingDay(2));
        account = account.Evolve(Correct(account, Day(3, 2), Day(3, 4)));
        account = account.Evolve(Correct(account, Day(3, 4), Day(3, 5)));

        Assert.Equal([new ClosingCorrection(Day(3, 2), Day(3, 5))], account.History.Corrections);

        account = account.Evolve(Correct(account, Day(3, 5), Day(3, 2)));
        Assert.Empty(account.History.Corrections);
        Assert.Equal(new CalendarHistory(new MonthlyClosingDay(2)), account.History);
    }

    [Fact]
    public void a_later_change_of_the_schedule_keeps_the_correction()
    {
        var account = Registered(new MonthlyClosingDay(2));
        account = account.Evolve(Correct(account, Day(3, 2), Day(3, 4)));

        var changed = account.Evolve(new AccountUpdated("America/New_York", new MonthlyClosingDay(20), Instant.FromUtc(2025, 3, 12, 15, 0)));

        Assert.Equal([Day(3, 4), Day(3, 20), Day(4, 20)], changed.History.ClosingDatesOnOrAfter(Day(3, 1)).Take(3));
    }

    [Fact]
    public void a_closing_still_ahead_is_the_schedules_and_is_refused()
    {
        var account = Registered(new MonthlyClosingDay(2));

        Assert.Contains("PUT /api/accounts", Refusal(account, Day(4, 2), Day(3, 30), field: "recordedClosingDate"));
        Assert.Contains("before today (2025-03-10 in America/New_York)", Refusal(account, Day(3, 2), Day(3, 10)));
    }

    [Fact]
    public void a_day_that_is_not_a_closing_is_refused_naming_the_closings_near_it()
    {
        var account = Registered(new MonthlyClosingDay(2));

        Assert.Contains("2025-02-02 and 2025-03-02", Refusal(account, Day(2, 20), Day(2, 21), field: "recordedClosingDate"));
        Assert.Contains("already", Refusal(account, null, Day(3, 2)));
    }

    [Fact]
    public void a_correction_never_moves_a_closing_past_another()
    {
        var account = Registered(new MonthlyClosingDay(2));

        Assert.Contains("after the closing before it, 2025-02-02", Refusal(account, Day(3, 2), Day(2, 1)));
        Assert.Contains("before the closing after it, 2025-03-02", Refusal(account, Day(2, 2), Day(3, 3)));
    }

    [Fact]
    public void a_correction_that_would_make_a_cycle_longer_than_92_days_is_refused()
    {
        // Quarterly: 01-15 to 04-15 is 90 days; closing 01-15 on 01-10 would make it 95.
        var account = Registered(new ExplicitClosingDates([new LocalDate(2024, 10, 15), Day(1, 15), Day(4, 15)]));

        Assert.Contains("2025-01-10 to 2025-04-15", Refusal(account, Day(1, 15), Day(1, 10), Instant.FromUtc(2025, 5, 1, 15, 0)));
    }

    [Fact]
    public void the_correction_records_both_days_the_reason_and_when()
    {
        var corrected = Correct(Registered(new MonthlyClosingDay(2)), Day(3, 2), Day(3, 4));

        Assert.Equal(new PastClosingCorrected(Day(3, 2), Day(3, 4), "The statement run of March slipped two days.", OnMarch10), corrected);
        Assert.Equal(new ClosingCorrection(Day(3, 2), Day(3, 4)), corrected.Correction);
    }

    [Fact]
    public void a_correction_to_the_day_already_recorded_is_refused()
    {
        var account = Registered(new MonthlyClosingDay(2));

        Assert.Equal("must differ from recordedClosingDate.", Refusal(account, Day(3, 2), Day(3, 2)));
    }

    [Fact]
    public void a_recorded_day_far_from_any_closing_is_refused_saying_the_history_has_none_near_it()
    {
        // The list ended in March 2024: nothing is within two cycles of 2025-02-02.
        var account = Registered(new ExplicitClosingDates([new LocalDate(2024, 1, 15), new LocalDate(2024, 2, 15), new LocalDate(2024, 3, 15)]));

        Assert.Contains("which has none near it", Refusal(account, Day(2, 2), Day(2, 3), field: "recordedClosingDate"));
    }

    [Fact]
    public void every_wrong_day_is_named_in_one_refusal()
    {
        var account = Registered(new MonthlyClosingDay(2));

        var refused = Assert.Throws<DisputeFieldViolation>(() => Correct(account, Day(4, 2), Day(3, 12)));

        Assert.Equal(["recordedClosingDate", "correctClosingDate"], refused.Violations.Select(v => v.Field));
    }
}
