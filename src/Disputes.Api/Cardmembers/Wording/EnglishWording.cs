using System.Globalization;
using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Api.Cardmembers.Wording;

/// <summary>The cardmember's view in English (the default).</summary>
public sealed class EnglishWording : ICardmemberWording
{
    /// <summary>The one instance; it holds no state.</summary>
    public static readonly EnglishWording Instance = new();

    private readonly CardmemberFormats formats = new(CultureInfo.GetCultureInfo("en-US"), "MMMM d, uuuu");

    private EnglishWording()
    {
    }

    /// <inheritdoc />
    public string Language => "en";

    /// <inheritdoc />
    public string Date(LocalDate date) => formats.Date(date);

    /// <inheritdoc />
    public string Money(decimal amount, string currency) => formats.Money(amount, currency);

    /// <inheritdoc />
    public string Status(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => "We received your dispute and are reviewing it.",
        DisputeStatus.Acknowledged => "We are investigating your dispute.",
        DisputeStatus.Resolved => "Your dispute is resolved.",
        DisputeStatus.Withdrawn => "You withdrew this dispute.",
        DisputeStatus.Reopened => "We reopened your dispute and are reviewing it again.",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <inheritdoc />
    public string WillAcknowledgeBy(LocalDate by) => $"We will acknowledge your dispute by {Date(by)}.";

    /// <inheritdoc />
    public string WillResolveBy(LocalDate by) => $"We will finish our investigation and tell you the outcome by {Date(by)}.";

    /// <inheritdoc />
    public string WillWriteWithOutcome() => "We are investigating and will write to you with the outcome.";

    /// <inheritdoc />
    public string PayBy(decimal amount, string currency, LocalDate by) => $"Please pay {Money(amount, currency)} by {Date(by)}.";

    /// <inheritdoc />
    public string NothingMoreNeeded() => "Nothing more is needed from you.";

    /// <inheritdoc />
    public string Received(string merchant, decimal amount, string currency) =>
        $"We received your dispute about the {Money(amount, currency)} charge from {merchant}.";

    /// <inheritdoc />
    public string Acknowledged() => "We sent you a written acknowledgment of your dispute.";

    /// <inheritdoc />
    public string ProvisionalCredit(decimal amount, string currency) =>
        $"We gave you a temporary credit of {Money(amount, currency)} while we investigate.";

    /// <inheritdoc />
    public string DocumentsRequested(string documents) => $"We asked you for documents: {documents.TrimEnd('.')}.";

    /// <inheritdoc />
    public string DocumentsReceived() => "We received the documents you sent us.";

    /// <inheritdoc />
    public string Corrected(decimal? credited, string currency) => credited is { } amount
        ? $"We corrected the error and credited {Money(amount, currency)} to your account."
        : "We corrected the error on your account.";

    /// <inheritdoc />
    public string NoErrorFound(string? explanation, decimal? owed, string currency, LocalDate? dueOn)
    {
        var text = explanation is null ? "We found no error." : $"We found no error: {explanation.TrimEnd('.')}.";
        return owed is > 0 && dueOn is { } due ? $"{text} You owe {Money(owed.Value, currency)}, due by {Date(due)}." : text;
    }

    /// <inheritdoc />
    public string PartlyCorrected(decimal? credited, string? explanation, decimal? owed, string currency, LocalDate? dueOn)
    {
        var text = credited is { } amount
            ? $"We corrected part of the error and credited {Money(amount, currency)} to your account."
            : "We corrected part of the error on your account.";
        text = explanation is null ? text : $"{text} For the rest: {explanation.TrimEnd('.')}.";
        return owed is > 0 && dueOn is { } due ? $"{text} You owe {Money(owed.Value, currency)}, due by {Date(due)}." : text;
    }

    /// <inheritdoc />
    public string Withdrawn() => "You withdrew your dispute.";

    /// <inheritdoc />
    public string Reopened() => "We reopened your dispute at your request.";

    /// <inheritdoc />
    public string NeedNotPayNow(decimal amount, string currency) =>
        $"While we look into it, you do not need to pay the disputed {Money(amount, currency)} or related charges. We will not try to collect it and will not report it as late.";

    /// <inheritdoc />
    public string NotYetBilled() =>
        "This charge is not on a statement yet. We accepted your dispute now and are handling it; you do not need to wait for the statement.";

    /// <inheritdoc />
    public string NotCollected(decimal amount, string currency) =>
        $"Because we did not meet a deadline the law sets for handling your dispute, we will not collect {Money(amount, currency)} of the amount in dispute; it is not part of what you owe.";

    /// <inheritdoc />
    public string LetterTitle(Domain.Notices.NoticeKind kind) => kind switch
    {
        Domain.Notices.NoticeKind.Acknowledgment => "We received your dispute",
        Domain.Notices.NoticeKind.DocumentsRequest => "Documents we need from you",
        Domain.Notices.NoticeKind.Correction => "We corrected your account",
        Domain.Notices.NoticeKind.Explanation => "The result of our investigation",
        _ => "Who we reported the amount to",
    };

    /// <inheritdoc />
    public string Refusal(DisputeRule rule) => rule switch
    {
        DisputeRule.Withdrawn => "This dispute is already withdrawn.",
        DisputeRule.Resolved => "This dispute is already resolved, so it can no longer be withdrawn.",
        _ => "This step is not possible on this dispute now.",
    };
}
