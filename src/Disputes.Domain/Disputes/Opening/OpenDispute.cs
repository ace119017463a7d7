using System.Globalization;
using Disputes.Domain.Accounts;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Notices;
using Disputes.Domain.Streams;
using NodaTime;

namespace Disputes.Domain.Disputes.Opening;

/// <summary>
/// A cardmember's billing-error notice, taken in the chat, with every field present and well formed. Deciding it
/// against the account checks the dates against each other in the account's zone and sets the clocks that apply.
/// </summary>
/// <param name="AccountId">The card account.</param>
/// <param name="CardLast4">The last four digits of the card; never more.</param>
/// <param name="ChatSessionId">The authenticated chat session the notice came through.</param>
/// <param name="Reason">The billing-error kind of 1026.13(a).</param>
/// <param name="Merchant">The merchant on the disputed charge.</param>
/// <param name="Amount">The disputed amount, in the billing currency.</param>
/// <param name="Currency">The billing currency.</param>
/// <param name="TransactionDate">The date of the charge.</param>
/// <param name="StatementTransmittedOn">
/// The date the first statement showing it was transmitted (or should have been); null for a charge not yet billed, which
/// is treated as timely (rule book section 1).
/// </param>
/// <param name="NoticeReceivedAt">When the notice was received.</param>
/// <param name="Description">The cardmember's account of the error, screened.</param>
/// <param name="Original">For a foreign transaction, what the merchant charged in its currency; information only.</param>
/// <param name="Language">The cardmember's language, for every notice.</param>
public sealed record OpenDispute(
    string AccountId, string CardLast4, string ChatSessionId, BillingErrorKind Reason, string Merchant, decimal Amount,
    string Currency, LocalDate TransactionDate, LocalDate? StatementTransmittedOn, Instant NoticeReceivedAt, string Description,
    OriginalAmount? Original, NoticeLanguage Language = NoticeLanguages.Default)
{
    /// <summary>The stream id this notice maps to: one dispute per chat session and transaction, so a repeated intake finds the first.</summary>
    public Guid DisputeId => StreamIds.ForIntake(AccountId, ChatSessionId, Merchant, Amount,
        TransactionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>
    /// The event that opens the dispute: the filing window of section 1 decides whether the clocks of sections 2 and 3
    /// apply (a charge not yet billed is taken as timely), and the account's calendar history decides the resolution
    /// deadline. With the issuer's processing zone set, the notice is timely when it is timely in either zone, and each
    /// deadline is the earlier of the two readings (<see cref="ReceiptReadings"/>).
    /// </summary>
    /// <param name="account">The account, registered beforehand.</param>
    /// <param name="caseNumber">The case number given to the dispute.</param>
    /// <param name="now">When the dispute is opened.</param>
    /// <param name="processingZone">The issuer's processing time zone when the program sets one.</param>
    /// <exception cref="DisputeFieldViolation">
    /// The charge is dated after the statement, or the statement (or, not yet billed, the charge) after the notice's
    /// receipt (in the account's zone).
    /// </exception>
    public DisputeOpened Decide(Account account, string caseNumber, Instant now, DateTimeZone? processingZone = null)
    {
        var zone = account.TimeZone;
        var receipt = ReceiptReadings.Of(NoticeReceivedAt, zone, processingZone);
        var receivedOn = receipt.InAccountZone;
        var violations = new List<(string Field, string Message)>();
        if (StatementTransmittedOn is { } statementOn)
        {
            if (TransactionDate > statementOn)
            {
                violations.Add(("transactionDate", "must be on or before statementTransmittedOn."));
            }

            if (statementOn > receivedOn)
            {
                violations.Add(("statementTransmittedOn", $"must be on or before the notice's receipt date ({receivedOn:yyyy-MM-dd} in {zone.Id})."));
            }
        }
        else if (TransactionDate > receivedOn)
        {
            violations.Add(("transactionDate", $"must be on or before the notice's receipt date ({receivedOn:yyyy-MM-dd} in {zone.Id})."));
        }

        if (violations.Count > 0)
        {
            throw new DisputeFieldViolation(violations);
        }

        // Not yet billed: the statement is unknown, so the notice is taken as timely and its clocks run from receipt.
        var window = StatementTransmittedOn is { } transmitted ? receipt.FilingWindowFor(transmitted) : null;
        var protectedNotice = window?.Timely ?? true;
        return new DisputeOpened(
            DisputeId, caseNumber, AccountId, CardLast4, ChatSessionId, Reason, Merchant, Amount, Currency,
            TransactionDate, StatementTransmittedOn, NoticeReceivedAt, receivedOn, zone.Id, Description,
            NoticeChannel.Chat, window,
            protectedNotice ? receipt.AcknowledgmentDueOn : null,
            protectedNotice ? receipt.ResolutionDeadlineFor(account.History) : null,
            now, Original, account.PaymentPeriodDays, Language, processingZone?.Id, receipt.InProcessingZone);
    }
}
