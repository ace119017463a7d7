using Disputes.Domain.BillingCycles;
using Disputes.Domain.Deadlines;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Deadlines;

public class when_computing_the_resolution_deadline
{
    [Fact]
    public void a_notice_received_mid_cycle_gets_the_rest_of_the_cycle_and_two_more()
    {
        // Rule book section 3: C0 = 03-15, C2 = 05-15; received + 90 = 06-01. Not 05-02.
        var deadline = ResolutionDeadline.Compute(new LocalDate(2025, 3, 3), new MonthlyClosingDay(15));

        Assert.Equal(new ResolutionDeadline(new LocalDate(2025, 5, 15), ResolutionBasis.TwoCycles, null), deadline);
    }

    [Fact]
    public void a_notice_received_on_a_closing_date_does_not_count_that_cycle_as_complete()
    {
        var deadline = ResolutionDeadline.Compute(new LocalDate(2025, 3, 15), new MonthlyClosingDay(15));

        Assert.Equal(new LocalDate(2025, 5, 15), deadline.DueOn);
        Assert.Equal(ResolutionBasis.TwoCycles, deadline.Basis);
    }

    [Fact]
    public void a_notice_received_the_day_after_closing_is_capped_at_90_days()
    {
        // C0 = 04-15, C2 = 06-15, but received + 90 = 06-14.
        var deadline = ResolutionDeadline.Compute(new LocalDate(2025, 3, 16), new MonthlyClosingDay(15));

        Assert.Equal(new ResolutionDeadline(new LocalDate(2025, 6, 14), ResolutionBasis.NinetyDayCap, null), deadline);
    }

    [Fact]
    public void closing_day_31_closes_february_on_its_last_day()
    {
        // C0 = 02-28 (2025 is not a leap year), C1 = 03-31, C2 = 04-30; received + 90 = 05-12.
        var deadline = ResolutionDeadline.Compute(new LocalDate(2025, 2, 11), new MonthlyClosingDay(31));

        Assert.Equal(new ResolutionDeadline(new LocalDate(2025, 4, 30), ResolutionBasis.TwoCycles, null), deadline);
    }

    [Fact]
    public void closing_day_31_in_a_leap_february_closes_on_the_29th()
    {
        // C0 = 2024-02-29, C1 = 03-31, C2 = 04-30; received + 90 = 2024-05-10.
        var deadline = ResolutionDeadline.Compute(new LocalDate(2024, 2, 10), new MonthlyClosingDay(31));

        Assert.Equal(new LocalDate(2024, 4, 30), deadline.DueOn);
    }

    [Fact]
    public void the_90_day_cap_binds_for_a_quarterly_calendar()
    {
        var quarterly = new ExplicitClosingDates(
            [new(2025, 3, 31), new(2025, 6, 30), new(2025, 9, 30), new LocalDate(2025, 12, 31)]);

        // C0 = 06-30, C2 = 12-31; received + 90 = 07-13.
        var deadline = ResolutionDeadline.Compute(new LocalDate(2025, 4, 14), quarterly);

        Assert.Equal(new ResolutionDeadline(new LocalDate(2025, 7, 13), ResolutionBasis.NinetyDayCap, null), deadline);
    }

    [Fact]
    public void when_the_second_cycle_closes_exactly_on_day_90_the_basis_is_two_cycles()
    {
        // Received 2025-03-03: + 90 = 2025-06-01, which is also C2 here.
        var calendar = new ExplicitClosingDates([new(2025, 2, 28), new(2025, 3, 31), new(2025, 4, 30), new LocalDate(2025, 6, 1)]);

        var deadline = ResolutionDeadline.Compute(new LocalDate(2025, 3, 3), calendar);

        Assert.Equal(new ResolutionDeadline(new LocalDate(2025, 6, 1), ResolutionBasis.TwoCycles, null), deadline);
    }

    [Fact]
    public void an_explicit_calendar_that_runs_out_falls_back_to_90_days_and_says_why()
    {
        var calendar = new ExplicitClosingDates([new(2025, 2, 14), new(2025, 3, 14), new LocalDate(2025, 4, 14)]);

        // C0 = 03-14, C1 = 04-14, C2 unknown; received + 90 = 06-01.
        var deadline = ResolutionDeadline.Compute(new LocalDate(2025, 3, 3), calendar);

        Assert.Equal(
            new ResolutionDeadline(
                new LocalDate(2025, 6, 1),
                ResolutionBasis.NinetyDayCap,
                "The account's billing-cycle calendar lists no closing date after 2025-04-14, so the 90-day limit applies."),
            deadline);
    }

    [Fact]
    public void an_explicit_calendar_that_ended_before_receipt_falls_back_to_90_days_and_says_why()
    {
        var calendar = new ExplicitClosingDates([new LocalDate(2025, 2, 14)]);

        var deadline = ResolutionDeadline.Compute(new LocalDate(2025, 3, 3), calendar);

        Assert.Equal(new LocalDate(2025, 6, 1), deadline.DueOn);
        Assert.Equal(ResolutionBasis.NinetyDayCap, deadline.Basis);
        Assert.Equal(
            "The account's billing-cycle calendar lists no closing date on or after 2025-03-03, the day the notice was received, so the 90-day limit applies.",
            deadline.CapReason);
    }

    [Fact]
    public void a_short_calendar_whose_known_dates_already_pass_day_90_needs_no_reason()
    {
        // C1 = 2025-07-15 is already after received + 90 = 06-01, so C2 would be too: the missing date changes nothing.
        var calendar = new ExplicitClosingDates([new(2025, 2, 15), new(2025, 4, 15), new LocalDate(2025, 7, 15)]);

        var deadline = ResolutionDeadline.Compute(new LocalDate(2025, 3, 3), calendar);

        Assert.Equal(new ResolutionDeadline(new LocalDate(2025, 6, 1), ResolutionBasis.NinetyDayCap, null), deadline);
    }

    [Fact]
    public void a_last_known_date_on_day_90_exactly_needs_no_reason()
    {
        // C1 = 06-01 = received + 90: C2 comes after it, so the cap binds and the missing date changes nothing.
        var calendar = new ExplicitClosingDates([new(2025, 2, 15), new(2025, 3, 15), new LocalDate(2025, 6, 1)]);

        var deadline = ResolutionDeadline.Compute(new LocalDate(2025, 3, 3), calendar);

        Assert.Equal(new ResolutionDeadline(new LocalDate(2025, 6, 1), ResolutionBasis.NinetyDayCap, null), deadline);
    }

    [Fact]
    public void a_list_that_starts_after_the_receipt_cannot_tell_the_cycle_and_says_why()
    {
        // Rule book section 3: no known closing on or before 03-03, so the cap applies with its reason, even though
        // three later dates are listed.
        var calendar = new ExplicitClosingDates([new(2025, 3, 15), new(2025, 4, 15), new LocalDate(2025, 5, 15)]);

        var deadline = ResolutionDeadline.Compute(new LocalDate(2025, 3, 3), calendar);

        Assert.Equal(new LocalDate(2025, 6, 1), deadline.DueOn);
        Assert.Equal(ResolutionBasis.NinetyDayCap, deadline.Basis);
        Assert.Equal(
            "The account's billing-cycle calendar lists no closing date on or before 2025-03-03, the day the notice was received " +
            "(so the cycle it arrived in is unknown), so the 90-day limit applies.",
            deadline.CapReason);
    }

    [Fact]
    public void the_receipt_instants_local_date_in_the_accounts_zone_decides()
    {
        // 2025-03-01T03:00Z is still 2025-02-28 in New York: C0 = 02-28 rather than 03-28.
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var receivedOn = DeadlineInstants.LocalDateOf(Instant.FromUtc(2025, 3, 1, 3, 0), zone);

        var deadline = ResolutionDeadline.Compute(receivedOn, new MonthlyClosingDay(28));

        Assert.Equal(new LocalDate(2025, 2, 28), receivedOn);
        Assert.Equal(new LocalDate(2025, 4, 28), deadline.DueOn);
    }

    [Fact]
    public void a_missing_calendar_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => ResolutionDeadline.Compute(new LocalDate(2025, 3, 3), null!));
}
