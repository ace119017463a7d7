using Disputes.Domain.Accounts;
using Disputes.Domain.BillingCycles;
using Disputes.Domain.Deadlines;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.BillingCycles;

public class when_the_calendar_changes
{
    private static readonly LocalDate Received = new(2025, 3, 3);

    [Fact]
    public void closings_before_the_day_of_the_change_stay_and_the_new_schedule_applies_from_it()
    {
        // Rule book section 3: closing day 15, changed on 2025-04-20 to the 1st. 03-15 and 04-15 closed; next 05-01.
        var history = new CalendarHistory(new MonthlyClosingDay(15)).ChangedOn(new LocalDate(2025, 4, 20), new MonthlyClosingDay(1));

        Assert.Equal(
            [new LocalDate(2025, 3, 15), new LocalDate(2025, 4, 15), new LocalDate(2025, 5, 1), new LocalDate(2025, 6, 1)],
            history.ClosingDatesOnOrAfter(Received).Take(4));
        Assert.Equal(new ResolutionDeadline(new LocalDate(2025, 5, 1), ResolutionBasis.TwoCycles, null), ResolutionDeadline.Compute(Received, history));
    }

    [Fact]
    public void the_account_records_the_change_on_its_local_day()
    {
        var account = Account.Start(Guid.NewGuid(), new AccountRegistered("acct-1", "America/New_York", new MonthlyClosingDay(15), Instant.FromUtc(2025, 1, 1, 0, 0)));

        // 2025-04-20T02:00Z is still the 19th in New York.
        var changed = account.Evolve(new AccountUpdated("America/New_York", new MonthlyClosingDay(1), Instant.FromUtc(2025, 4, 20, 2, 0)));

        Assert.Equal(new MonthlyClosingDay(1), changed.Calendar);
        Assert.Equal(new LocalDate(2025, 4, 19), changed.History.Calendars[^1].InForceFrom);
        Assert.Equal(new LocalDate(2025, 4, 15), changed.History.ClosingDatesOnOrAfter(new LocalDate(2025, 4, 1)).First());
    }

    [Fact]
    public void a_second_change_on_the_same_day_replaces_the_first()
    {
        var day = new LocalDate(2025, 4, 20);
        var history = new CalendarHistory(new MonthlyClosingDay(15))
            .ChangedOn(day, new MonthlyClosingDay(1))
            .ChangedOn(day, new MonthlyClosingDay(5));

        Assert.Equal(2, history.Calendars.Count);
        Assert.Equal(new LocalDate(2025, 5, 5), history.ClosingDatesOnOrAfter(day).First());
    }

    [Fact]
    public void a_change_dated_before_the_newest_calendar_is_refused()
    {
        var history = new CalendarHistory(new MonthlyClosingDay(15)).ChangedOn(new LocalDate(2025, 4, 20), new MonthlyClosingDay(1));

        var refused = Assert.Throws<ArgumentException>(() => history.ChangedOn(new LocalDate(2025, 4, 1), new MonthlyClosingDay(5)));
        Assert.Contains("2025-04-20", refused.Message);
    }

    [Fact]
    public void an_explicit_list_takes_over_only_from_its_day()
    {
        var history = new CalendarHistory(new MonthlyClosingDay(15))
            .ChangedOn(new LocalDate(2025, 4, 20), new ExplicitClosingDates([new LocalDate(2025, 3, 1), new LocalDate(2025, 5, 10), new LocalDate(2025, 6, 9)]));

        // The list's 03-01 lies before the change: the monthly schedule decided March and April.
        Assert.Equal(
            [new LocalDate(2025, 3, 15), new LocalDate(2025, 4, 15), new LocalDate(2025, 5, 10), new LocalDate(2025, 6, 9)],
            history.ClosingDatesOnOrAfter(new LocalDate(2025, 3, 1)));
    }
}
