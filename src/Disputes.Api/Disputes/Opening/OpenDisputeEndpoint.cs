using System.Globalization;
using Disputes.Api.Disputes.Timing;
using Disputes.Api.Hosting;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Api.ServiceDefaults.Limits;
using Disputes.Domain.Accounts;
using Disputes.Domain.BusinessDays;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Opening;
using Disputes.Domain.Holds;
using Disputes.Domain.Notices;
using Disputes.Domain.Streams;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Wolverine;
using Wolverine.Http;

namespace Disputes.Api.Disputes.Opening;

/// <summary>
/// <c>POST /api/disputes</c>: a chat agent opens a dispute from the cardmember's billing-error notice. The
/// field names are a published contract.
/// </summary>
/// <param name="AccountId">The card account, registered beforehand with <c>PUT /api/accounts/{accountId}</c>.</param>
/// <param name="CardLast4">Exactly the last four digits of the card.</param>
/// <param name="ChatSessionId">The authenticated chat session.</param>
/// <param name="Reason">A billing-error kind of 1026.13(a), snake_case (e.g. <c>unauthorized</c>).</param>
/// <param name="Merchant">The merchant on the disputed charge.</param>
/// <param name="Amount">The disputed amount: more than 0, at most two decimals.</param>
/// <param name="Currency">The billing currency: <c>USD</c>, the only one Regulation Z's billing-error rules cover here.</param>
/// <param name="TransactionDate">Date of the charge (yyyy-MM-dd).</param>
/// <param name="StatementTransmittedOn">
/// Date the first statement showing it was transmitted (or should have been). Leave it out for a charge not yet on any
/// statement: the notice is taken as timely, its clocks run from receipt, and the dispute shows <c>notYetBilled</c> until
/// <c>POST /api/disputes/{disputeId}/statement-date</c> gives the date.
/// </param>
/// <param name="NoticeReceivedAt">When the notice was received (ISO instant); now when absent, never in the future.</param>
/// <param name="Description">The cardmember's account of the error; must hold no card number, security code, SSN or passcode.</param>
/// <param name="OriginalAmount">For a foreign transaction: the amount the merchant charged, in <paramref name="OriginalCurrency"/>; information only.</param>
/// <param name="OriginalCurrency">ISO 4217 code of <paramref name="OriginalAmount"/>, e.g. <c>EUR</c>.</param>
/// <param name="Language">The cardmember's language in the chat, <c>en</c> (default) or <c>es</c>: every notice is written in it.</param>
public sealed record OpenDisputeRequest(
    string? AccountId,
    string? CardLast4,
    string? ChatSessionId,
    string? Reason,
    [FreeText] string? Merchant,
    decimal? Amount,
    string? Currency,
    LocalDate? TransactionDate,
    LocalDate? StatementTransmittedOn,
    Instant? NoticeReceivedAt,
    [FreeText] string? Description,
    decimal? OriginalAmount = null,
    string? OriginalCurrency = null,
    string? Language = null)
{
    private static readonly HashSet<string> KnownCurrencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .OfType<string>()
        .Where(code => code.Length == 3)
        .Append("USD")
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The earliest date intake accepts for the transaction, the statement and the receipt. Anything older is a
    /// typing error, and NodaTime's earliest dates (year -9998) are outside what PostgreSQL's date and timestamp
    /// columns of the read model can hold, which failed the whole request with a 500.
    /// </summary>
    public static readonly LocalDate EarliestDate = new(1900, 1, 1);

    /// <summary>The request's fields, checked one by one; the command when every field is usable.</summary>
    public (OpenDispute? Command, FieldErrors Errors) Validate(Instant now)
    {
        var errors = new FieldErrors();
        var accountId = errors.Text("accountId", AccountId, 64);
        if (CardLast4 is null)
        {
            errors.Add("cardLast4", "is required.");
        }
        else if (CardLast4.Length != 4 || !CardLast4.All(char.IsAsciiDigit))
        {
            errors.Add("cardLast4", "must be exactly the last 4 digits of the card.");
        }

        var chatSessionId = errors.Text("chatSessionId", ChatSessionId, 128);
        var reason = errors.Choice<BillingErrorKind>("reason", Reason);
        var merchant = errors.Text("merchant", Merchant, 200);
        var amount = errors.Money("amount", Amount);
        if (Currency is null)
        {
            errors.Add("currency", "is required.");
        }
        else if (Currency != BillingCurrency)
        {
            errors.Add("currency",
                $"must be {BillingCurrency}: the disputed amount is in the billing currency. For a foreign transaction give the " +
                "amount as billed in dollars, and the merchant's amount and currency as originalAmount and originalCurrency.");
        }

        var original = ValidateOriginal(errors);

        var transactionDate = errors.Required("transactionDate", TransactionDate);
        var receivedAt = NoticeReceivedAt ?? now;
        if (receivedAt > now)
        {
            errors.Add("noticeReceivedAt", "must not be in the future.");
        }

        var earliest = $"must be on or after {EarliestDate:yyyy-MM-dd}.";
        if (TransactionDate < EarliestDate)
        {
            errors.Add("transactionDate", earliest);
        }

        if (StatementTransmittedOn < EarliestDate)
        {
            errors.Add("statementTransmittedOn", earliest);
        }

        if (receivedAt < EarliestDate.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant())
        {
            errors.Add("noticeReceivedAt", earliest);
        }

        var description = errors.Text("description", Description, 4000);
        if (Language is not null && !NoticeLanguages.TryParse(Language, out _))
        {
            errors.Add("language", "must be en or es.");
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        return (new OpenDispute(accountId!, CardLast4!, chatSessionId!, reason!.Value, merchant!, amount!.Value, Currency!,
            transactionDate!.Value, StatementTransmittedOn, receivedAt, description!, original,
            Language is null ? NoticeLanguages.Default : NoticeLanguages.Parse(Language)), errors);
    }

    /// <summary>The billing currency: every disputed amount is in US dollars.</summary>
    public const string BillingCurrency = "USD";

    private OriginalAmount? ValidateOriginal(FieldErrors errors)
    {
        switch (OriginalAmount, OriginalCurrency)
        {
            case (null, null):
                return null;
            case (null, _):
                errors.Add("originalAmount", "is required with originalCurrency.");
                return null;
            case (_, null):
                errors.Add("originalCurrency", "is required with originalAmount.");
                return null;
            case ({ } amount, { } currency):
                if (!KnownCurrencies.Contains(currency))
                {
                    errors.Add("originalCurrency", "must be an ISO 4217 currency code in capitals, e.g. EUR.");
                }

                return errors.Money("originalAmount", amount) is { } money && KnownCurrencies.Contains(currency)
                    ? new OriginalAmount(money, currency)
                    : null;
        }
    }
}

/// <summary>Opens disputes; the same chat session and transaction opened twice yields the first dispute.</summary>
public static class OpenDisputeEndpoint
{
    /// <summary>
    /// 201 with the new dispute, 200 with the existing one for a repeated intake (also when the repeat races the first:
    /// see <see cref="RepeatedIntake"/>).
    /// </summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes")]
    [EnableRateLimiting(ClientLimits.IntakePolicy)]
    public static async Task<IResult> Post(
        OpenDisputeRequest? request, HttpContext http, IDocumentSession session, IMessageBus bus, IClock clock, CaseNumbers caseNumbers, DeadlineTimers timers,
        BusinessDayCalendar businessDays, ProcessingTimeZone processing)
    {
        if (request is null)
        {
            return Problem.Validation("body", "is required: send the dispute as a JSON object.");
        }

        var now = clock.GetCurrentInstant();
        var (command, errors) = request.Validate(now);
        if (command is null)
        {
            return errors.ToResult();
        }

        // Both reads in one round trip: the account's calendar and, for a repeated intake, the dispute it opened.
        var reads = session.CreateBatchQuery();
        var accountRead = reads.Load<Account>(StreamIds.ForAccount(command.AccountId));
        var existingRead = reads.Load<Dispute>(command.DisputeId);
        await reads.Execute(http.RequestAborted);
        var account = await accountRead;
        if (account is null)
        {
            return Problem.Unprocessable("The account is not registered.",
                $"Register account '{command.AccountId}' with PUT /api/accounts/{{accountId}} (its time zone and billing-cycle calendar) before opening disputes on it.");
        }

        if (await existingRead is { } existing)
        {
            return new DisputeAnswer(existing, DisputeAnswer.Kind.Repeated);
        }

        var receivedOn = DeadlineInstants.LocalDateOf(command.NoticeReceivedAt, account.TimeZone);
        var opened = command.Decide(account, await caseNumbers.NextAsync(receivedOn, http.RequestAborted), now, processing.Zone);
        var started = Dispute.Start(opened);
        var hold = PlaceHold.Decide(started, account.NextAutopayOn, businessDays);
        var dispute = hold.Aggregate(started, (d, e) => d.Evolve(e));
        session.Events.StartStream<Dispute>(opened.DisputeId, [opened, .. hold]);
        await timers.ScheduleAsync(session, bus, [dispute], cancellation: http.RequestAborted);
        return new DisputeAnswer(dispute, DisputeAnswer.Kind.Created);
    }
}
