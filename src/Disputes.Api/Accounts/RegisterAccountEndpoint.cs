using Disputes.Api.Disputes.Timing;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Accounts;
using Disputes.Domain.BillingCycles;
using Disputes.Domain.Streams;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using Wolverine;
using Wolverine.Http;

namespace Disputes.Api.Accounts;

/// <summary>Body of <c>PUT /api/accounts/{accountId}</c>.</summary>
/// <param name="TimeZone">IANA time zone, e.g. <c>America/New_York</c>.</param>
/// <param name="BillingCycle">Either <c>{ "closingDay": 15 }</c> or <c>{ "closingDates": ["2025-03-15", ...] }</c>.</param>
/// <param name="PaymentPeriodDays">The days the account's terms allow to pay a balance, 1 to 90; 25 for a new account when absent, unchanged on an update.</param>
/// <param name="NextAutopayOn">The next automatic payment the issuer will take (account's zone); absent when the account has no autopay.</param>
public sealed record RegisterAccountRequest(string? TimeZone, BillingCycleRequest? BillingCycle, int? PaymentPeriodDays = null, LocalDate? NextAutopayOn = null)
{
    /// <summary>The longest payment period accepted, in days.</summary>
    public const int MaxPaymentPeriodDays = 90;

    /// <summary>The account's zone and calendar, or the errors that stop them.</summary>
    public (DateTimeZone? Zone, BillingCycleCalendar? Calendar, FieldErrors Errors) Validate()
    {
        var errors = new FieldErrors();
        DateTimeZone? zone = null;
        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            errors.Add("timeZone", "is required.");
        }
        else if ((zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone)) is null)
        {
            errors.Add("timeZone", "must be an IANA time zone id, e.g. America/New_York.");
        }

        if (PaymentPeriodDays is < 1 or > MaxPaymentPeriodDays)
        {
            errors.Add("paymentPeriodDays", $"must be between 1 and {MaxPaymentPeriodDays} days.");
        }

        return (zone, BillingCycle?.ToCalendar(errors) ?? Missing(errors), errors);
    }

    private static BillingCycleCalendar? Missing(FieldErrors errors)
    {
        errors.Add("billingCycle", "is required: give closingDay or closingDates.");
        return null;
    }
}

/// <summary>An account's billing-cycle calendar: a monthly closing day or an explicit list of closing dates.</summary>
/// <param name="ClosingDay">Day of the month the cycle closes (1-31; past a month's end, its last day).</param>
/// <param name="ClosingDates">Known closing dates, strictly ascending.</param>
public sealed record BillingCycleRequest(int? ClosingDay, IReadOnlyList<LocalDate>? ClosingDates)
{
    /// <summary>The calendar, or null with errors added.</summary>
    public BillingCycleCalendar? ToCalendar(FieldErrors errors)
    {
        switch (ClosingDay, ClosingDates)
        {
            case (not null, not null):
                errors.Add("billingCycle", "give either closingDay or closingDates, not both.");
                return null;
            case ({ } day, null) when day is < 1 or > 31:
                errors.Add("billingCycle.closingDay", "must be between 1 and 31.");
                return null;
            case ({ } day, null):
                return new MonthlyClosingDay(day);
            case (null, { Count: 0 }):
                errors.Add("billingCycle.closingDates", "must list at least one closing date.");
                return null;
            case (null, { } dates) when dates.Zip(dates.Skip(1)).Any(pair => pair.First >= pair.Second):
                errors.Add("billingCycle.closingDates", "must be in ascending order without duplicates.");
                return null;
            case (null, { } dates) when LongCycles(dates) is { Count: > 0 } gaps:
                errors.Add("billingCycle.closingDates",
                    $"a billing cycle lasts at most {BillingCycleCalendar.MaxCycleLengthInDays} days; these closings are further apart: {string.Join("; ", gaps)}.");
                return null;
            case (null, { } dates):
                return new ExplicitClosingDates(dates);
            default:
                errors.Add("billingCycle", "give closingDay or closingDates.");
                return null;
        }
    }

    private static List<string> LongCycles(IReadOnlyList<LocalDate> dates) =>
        dates.Zip(dates.Skip(1))
            .Where(pair => Period.Between(pair.First, pair.Second, PeriodUnits.Days).Days > BillingCycleCalendar.MaxCycleLengthInDays)
            .Select(pair => $"{NodaTime.Text.LocalDatePattern.Iso.Format(pair.First)} to {NodaTime.Text.LocalDatePattern.Iso.Format(pair.Second)}")
            .ToList();

    /// <summary>The request shape of a calendar, for answers.</summary>
    public static BillingCycleRequest From(BillingCycleCalendar calendar) => calendar switch
    {
        MonthlyClosingDay monthly => new(monthly.Day, null),
        ExplicitClosingDates explicitDates => new(null, explicitDates.Dates),
        _ => new(null, null),
    };
}

/// <summary>An account as the API shows it.</summary>
/// <param name="AccountId">The issuer's account id.</param>
/// <param name="TimeZone">IANA time zone.</param>
/// <param name="BillingCycle">The calendar in force now: the schedule of future closings.</param>
/// <param name="Version">Stream version of the account.</param>
/// <param name="RecomputedDisputes">How many open disputes got a new resolution deadline from this change.</param>
/// <param name="PaymentPeriodDays">The days the account's terms allow to pay a balance after an explanation.</param>
/// <param name="NextAutopayOn">The next automatic payment the issuer will take; null without autopay.</param>
/// <param name="CalendarHistory">Every calendar the account has had, oldest first, each deciding the closings from its day until the next one's: closings before a change stay as they were.</param>
/// <param name="ClosingCorrections">The past closings corrected (<c>POST /api/accounts/{accountId}/past-closings/corrections</c>), each from the date the calendars give to the day it really closed.</param>
public sealed record AccountResponse(
    string AccountId, string TimeZone, BillingCycleRequest BillingCycle, long Version, int? RecomputedDisputes = null,
    IReadOnlyList<CalendarInForceResponse>? CalendarHistory = null, int PaymentPeriodDays = Account.DefaultPaymentPeriodDays,
    LocalDate? NextAutopayOn = null, IReadOnlyList<ClosingCorrectionResponse>? ClosingCorrections = null);

/// <summary>A past closing of the account's calendar that was corrected.</summary>
/// <param name="RecordedOn">The closing date the calendars give; null for a closing they did not record, which the correction added.</param>
/// <param name="ClosedOn">The day the cycle really closed.</param>
public sealed record ClosingCorrectionResponse(LocalDate? RecordedOn, LocalDate ClosedOn);

/// <summary>One calendar of the account's history.</summary>
/// <param name="InForceFrom">The first day (account's zone) it decided the closings; null for the calendar the account was registered with.</param>
/// <param name="BillingCycle">The calendar.</param>
public sealed record CalendarInForceResponse(LocalDate? InForceFrom, BillingCycleRequest BillingCycle);

/// <summary>Registers or updates accounts; a calendar change recomputes open disputes' resolution deadlines.</summary>
public static class RegisterAccountEndpoint
{
    /// <summary>201 for a new account, 200 for an update.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePut("/api/accounts/{accountId}")]
    public static async Task<IResult> Put(
        string accountId, RegisterAccountRequest? request, HttpContext http, IDocumentSession session, IMessageBus bus, IClock clock)
    {
        if (string.IsNullOrWhiteSpace(accountId) || accountId.Length > 64 || accountId.Any(char.IsControl))
        {
            return Problem.Validation("accountId", "must be 1 to 64 printable characters, not only spaces.");
        }

        var (zone, calendar, errors) = (request ?? new RegisterAccountRequest(null, null)).Validate();
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        var now = clock.GetCurrentInstant();
        var stream = await session.Events.FetchForWriting<Account>(StreamIds.ForAccount(accountId), http.RequestAborted);
        if (stream.Aggregate is not { } existing)
        {
            var registered = new AccountRegistered(
                accountId, zone!.Id, calendar!, now, request!.PaymentPeriodDays ?? Account.DefaultPaymentPeriodDays, request.NextAutopayOn);
            stream.AppendOne(registered);
            var created = Account.Start(stream.Id, registered);
            // Escaped: an id with non-ASCII characters (allowed) cannot go into a header as it is, and failed the
            // answer with a 500 after the account had been stored.
            return Results.Created($"/api/accounts/{Uri.EscapeDataString(accountId)}", ToResponse(created));
        }

        if (existing.TimeZoneId == zone!.Id && existing.Calendar.Equals(calendar)
            && (request!.PaymentPeriodDays ?? existing.PaymentPeriodDays) == existing.PaymentPeriodDays
            && request.NextAutopayOn == existing.NextAutopayOn)
        {
            return Results.Ok(ToResponse(existing, 0));
        }

        var updated = new AccountUpdated(zone.Id, calendar!, now, request!.PaymentPeriodDays, request.NextAutopayOn);
        stream.AppendOne(updated);
        var account = existing.Evolve(updated);
        var recomputed = existing.Calendar.Equals(calendar)
            ? 0
            : await OpenDisputesRecompute.PublishAsync(account, Caller.Of(http.User).Actor, null, session, bus, now, http.RequestAborted);
        return Results.Ok(ToResponse(account, recomputed));
    }

    /// <summary>Reads an account.</summary>
    [Authorize(Policy = Policies.ReadDisputes)]
    [WolverineGet("/api/accounts/{accountId}")]
    public static async Task<IResult> Get(string accountId, HttpContext http, IQuerySession session) =>
        await session.LoadAsync<Account>(StreamIds.ForAccount(accountId), http.RequestAborted) is { } account
            ? Results.Ok(ToResponse(account))
            : Problem.NotFound($"Account {accountId}");

    /// <summary>The answer for <paramref name="account"/>; <paramref name="recomputed"/> after a change of its calendar.</summary>
    public static AccountResponse ToResponse(Account account, int? recomputed = null) =>
        new(account.AccountId, account.TimeZoneId, BillingCycleRequest.From(account.Calendar), account.Version, recomputed,
            account.History.Calendars
                .Select(c => new CalendarInForceResponse(c.InForceFrom == LocalDate.MinIsoValue ? null : c.InForceFrom, BillingCycleRequest.From(c.Calendar)))
                .ToList(),
            account.PaymentPeriodDays, account.NextAutopayOn,
            [.. account.History.Corrections.Select(c => new ClosingCorrectionResponse(c.RecordedOn, c.ClosedOn))]);
}
