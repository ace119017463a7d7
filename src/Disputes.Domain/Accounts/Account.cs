using Disputes.Domain.BillingCycles;
using NodaTime;

namespace Disputes.Domain.Accounts;

/// <summary>A card account was registered with its time zone and billing-cycle calendar.</summary>
/// <param name="AccountId">The issuer's account id.</param>
/// <param name="TimeZoneId">IANA time zone every deadline of the account is counted in.</param>
/// <param name="Calendar">When the account's billing cycles close.</param>
/// <param name="RegisteredAt">When.</param>
public sealed record AccountRegistered(string AccountId, string TimeZoneId, BillingCycleCalendar Calendar, Instant RegisteredAt);

/// <summary>An account's time zone or billing-cycle calendar changed.</summary>
/// <param name="TimeZoneId">The time zone from now on; disputes already open keep the zone they were opened in.</param>
/// <param name="Calendar">
/// The calendar from the day of the change on (in the account's zone before the change); closings before that day
/// stay as they were (<see cref="CalendarHistory"/>), and open disputes' resolution deadlines are recomputed.
/// </param>
/// <param name="UpdatedAt">When.</param>
public sealed record AccountUpdated(string TimeZoneId, BillingCycleCalendar Calendar, Instant UpdatedAt);

/// <summary>A card account as its events leave it: the facts intake needs to compute deadlines.</summary>
/// <param name="Id">The account's stream id (<see cref="Streams.StreamIds.ForAccount"/>).</param>
/// <param name="AccountId">The issuer's account id.</param>
/// <param name="TimeZoneId">IANA time zone of the account.</param>
/// <param name="Calendar">The billing-cycle calendar in force now (the schedule).</param>
/// <param name="Version">The stream version this state reflects.</param>
public sealed record Account(Guid Id, string AccountId, string TimeZoneId, BillingCycleCalendar Calendar, long Version)
{
    private readonly CalendarHistory? history;

    /// <summary>The account's time zone.</summary>
    public DateTimeZone TimeZone => DateTimeZoneProviders.Tzdb[TimeZoneId];

    /// <summary>
    /// Every calendar the account has had and the day each came into force: the closings that happened and the
    /// ones scheduled. Deadlines are computed from it.
    /// </summary>
    public CalendarHistory History
    {
        // An account stored before the history was kept has had one calendar as far as the service knows.
        get => history ?? new CalendarHistory(Calendar);
        init => history = value;
    }

    /// <summary>Starts an account from its first event.</summary>
    public static Account Start(Guid id, AccountRegistered e) =>
        new(id, e.AccountId, e.TimeZoneId, e.Calendar, 1) { History = new CalendarHistory(e.Calendar) };

    /// <summary>The account after <paramref name="event"/>.</summary>
    public Account Evolve(object @event) => @event switch
    {
        AccountUpdated e => this with
        {
            TimeZoneId = e.TimeZoneId,
            Calendar = e.Calendar,
            History = e.Calendar.Equals(Calendar) ? History : History.ChangedOn(e.UpdatedAt.InZone(TimeZone).Date, e.Calendar),
            Version = Version + 1,
        },
        _ => this with { Version = Version + 1 },
    };
}
