using Disputes.Domain.BillingCycles;
using NodaTime;

namespace Disputes.Domain.Accounts;

/// <summary>A card account was registered with its time zone and billing-cycle calendar.</summary>
/// <param name="AccountId">The issuer's account id.</param>
/// <param name="TimeZoneId">IANA time zone every deadline of the account is counted in.</param>
/// <param name="Calendar">When the account's billing cycles close.</param>
/// <param name="RegisteredAt">When.</param>
/// <param name="PaymentPeriodDays">The days the account's terms allow to pay a balance; null before it was recorded (then <see cref="Account.DefaultPaymentPeriodDays"/>).</param>
/// <param name="NextAutopayOn">The next automatic payment the issuer will take from the cardmember's bank (account's zone); null without autopay.</param>
public sealed record AccountRegistered(
    string AccountId, string TimeZoneId, BillingCycleCalendar Calendar, Instant RegisteredAt, int? PaymentPeriodDays = null, LocalDate? NextAutopayOn = null);

/// <summary>An account's time zone or billing-cycle calendar changed.</summary>
/// <param name="TimeZoneId">The time zone from now on; disputes already open keep the zone they were opened in.</param>
/// <param name="Calendar">
/// The calendar from the day of the change on (in the account's zone before the change); closings before that day
/// stay as they were (<see cref="CalendarHistory"/>), and open disputes' resolution deadlines are recomputed.
/// </param>
/// <param name="UpdatedAt">When.</param>
/// <param name="PaymentPeriodDays">The payment period from now on; null when the update did not name one (it stays as it was).</param>
/// <param name="NextAutopayOn">The next automatic payment from now on; null without autopay.</param>
public sealed record AccountUpdated(
    string TimeZoneId, BillingCycleCalendar Calendar, Instant UpdatedAt, int? PaymentPeriodDays = null, LocalDate? NextAutopayOn = null);

/// <summary>A card account as its events leave it: the facts intake needs to compute deadlines.</summary>
/// <param name="Id">The account's stream id (<see cref="Streams.StreamIds.ForAccount"/>).</param>
/// <param name="AccountId">The issuer's account id.</param>
/// <param name="TimeZoneId">IANA time zone of the account.</param>
/// <param name="Calendar">The billing-cycle calendar in force now (the schedule).</param>
/// <param name="Version">The stream version this state reflects.</param>
public sealed record Account(Guid Id, string AccountId, string TimeZoneId, BillingCycleCalendar Calendar, long Version)
{
    private readonly CalendarHistory? history;

    /// <summary>The payment period when the account's terms name none (rule book section 5).</summary>
    public const int DefaultPaymentPeriodDays = 25;

    /// <summary>The account's time zone.</summary>
    public DateTimeZone TimeZone => DateTimeZoneProviders.Tzdb[TimeZoneId];

    /// <summary>
    /// The days the account's terms allow to pay a balance; an explanation's amount owed is due no sooner than the
    /// greater of this and 10 days after it (1026.13(g)(1)).
    /// </summary>
    public int PaymentPeriodDays { get; init; } = DefaultPaymentPeriodDays;

    /// <summary>
    /// The next automatic payment the issuer will take (account's zone), null without autopay: a notice received at
    /// least three business days before it keeps the disputed amount out of it (1026.13(d)(1)).
    /// </summary>
    public LocalDate? NextAutopayOn { get; init; }

    /// <summary>
    /// Every calendar the account has had and the day each came into force, with the past closings corrected: the
    /// closings that happened and the ones scheduled. Deadlines are computed from it.
    /// </summary>
    public CalendarHistory History
    {
        // An account stored before the history was kept has had one calendar as far as the service knows.
        get => history ?? new CalendarHistory(Calendar);
        init => history = value;
    }

    /// <summary>Starts an account from its first event.</summary>
    public static Account Start(Guid id, AccountRegistered e) =>
        new(id, e.AccountId, e.TimeZoneId, e.Calendar, 1)
        {
            History = new CalendarHistory(e.Calendar),
            PaymentPeriodDays = e.PaymentPeriodDays ?? DefaultPaymentPeriodDays,
            NextAutopayOn = e.NextAutopayOn,
        };

    /// <summary>The account after <paramref name="event"/>.</summary>
    public Account Evolve(object @event) => @event switch
    {
        AccountUpdated e => this with
        {
            TimeZoneId = e.TimeZoneId,
            Calendar = e.Calendar,
            History = e.Calendar.Equals(Calendar) ? History : History.ChangedOn(e.UpdatedAt.InZone(TimeZone).Date, e.Calendar),
            PaymentPeriodDays = e.PaymentPeriodDays ?? PaymentPeriodDays,
            NextAutopayOn = e.NextAutopayOn,
            Version = Version + 1,
        },
        PastClosingCorrected e => this with { History = History.Corrected(e.RecordedClosingDate, e.CorrectClosingDate), Version = Version + 1 },
        _ => this with { Version = Version + 1 },
    };
}
