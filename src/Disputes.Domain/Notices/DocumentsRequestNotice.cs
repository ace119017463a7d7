using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Notices;

/// <summary>What a request for documents asks, as the agent gives it with the command that requests them.</summary>
/// <param name="Documents">What is asked for, in words the cardmember understands (e.g. "the receipt for the return"); not blank.</param>
/// <param name="From">Who is asked: the cardmember, or the merchant (then the letter tells the cardmember what was asked of whom).</param>
/// <param name="RespondBy">The last day to send them, in the dispute's time zone: after the day the notice is sent, and no later than the resolution due date.</param>
/// <param name="HowToSend">How to send them (e.g. "upload them in the secure message centre, or mail them to ..."); not blank.</param>
public sealed record DocumentsRequest(string Documents, DocumentSource From, LocalDate RespondBy, string HowToSend);

/// <summary>
/// A request for documents during the investigation (rule book section 8): what is asked, from whom, by when, and how to
/// send it.
/// </summary>
public sealed record DocumentsRequestNotice : NoticeContent
{
    private DocumentsRequestNotice(Dispute dispute, NoticeIssuer issuer, Instant sentAt, DocumentsRequest request)
        : base(dispute, issuer, sentAt)
    {
        Documents = request.Documents.Trim();
        From = request.From;
        RespondBy = request.RespondBy;
        HowToSend = request.HowToSend.Trim();
        ResolutionDueOn = StillAhead(dispute, SentOn);
    }

    /// <inheritdoc />
    public override NoticeKind Kind => NoticeKind.DocumentsRequest;

    /// <summary>What is asked for.</summary>
    public string Documents { get; init; }

    /// <summary>Who is asked.</summary>
    public DocumentSource From { get; init; }

    /// <summary>The last day to send them, in the dispute's time zone.</summary>
    public LocalDate RespondBy { get; init; }

    /// <summary>How to send them.</summary>
    public string HowToSend { get; init; }

    /// <summary>
    /// The date the issuer will resolve the dispute by, when a pending resolution clock times it and that date is not
    /// past; null for a late notice, and once the deadline has passed (the letter then promises no date).
    /// </summary>
    public LocalDate? ResolutionDueOn { get; init; }

    /// <summary>The fields of <see cref="DocumentsRequest"/> as the API names them, for the refusals.</summary>
    public static class Fields
    {
        /// <summary>What is asked for.</summary>
        public const string Documents = "documents";

        /// <summary>The last day to send them.</summary>
        public const string RespondBy = "respondBy";

        /// <summary>How to send them.</summary>
        public const string HowToSend = "howToSend";
    }

    /// <summary>Composes the request for documents about <paramref name="dispute"/>, sent at <paramref name="sentAt"/>.</summary>
    /// <param name="dispute">The dispute being investigated.</param>
    /// <param name="issuer">The issuer the letter is from.</param>
    /// <param name="sentAt">When the request is sent.</param>
    /// <param name="request">What is asked, from whom, by when and how to send it.</param>
    /// <returns>The request's facts.</returns>
    /// <exception cref="DisputeRuleViolation">The dispute is withdrawn or resolved: there is no investigation to send documents to.</exception>
    /// <exception cref="DisputeFieldViolation">
    /// <see cref="DocumentsRequest.Documents"/> or <see cref="DocumentsRequest.HowToSend"/> is blank, or
    /// <see cref="DocumentsRequest.RespondBy"/> is not after the day the notice is sent, or is after a resolution due date
    /// still ahead (documents that arrive later cannot inform a resolution that must be sent by then).
    /// </exception>
    public static DocumentsRequestNotice For(Dispute dispute, NoticeIssuer issuer, Instant sentAt, DocumentsRequest request)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(request);
        dispute.EnsureActive("request documents");
        NoticeRules.Required(request.Documents, Fields.Documents, "the notice says what is asked for.");
        NoticeRules.Required(request.HowToSend, Fields.HowToSend, "the notice says how to send the documents.");

        var sentOn = sentAt.InZone(dispute.TimeZone).Date;
        if (request.RespondBy <= sentOn)
        {
            throw new DisputeFieldViolation(Fields.RespondBy,
                $"must be after {sentOn:yyyy-MM-dd}, the day the request is sent (in the account's time zone), so there is time to answer it.");
        }

        if (StillAhead(dispute, sentOn) is { } due && request.RespondBy > due)
        {
            throw new DisputeFieldViolation(Fields.RespondBy,
                $"must be on or before {due:yyyy-MM-dd}, the resolution due date: documents that arrive later cannot inform the resolution.");
        }

        return new DocumentsRequestNotice(dispute, issuer, sentAt, request);
    }

    // After a missed deadline the investigation goes on (with the forfeiture), so a request is still allowed, but no date is promised.
    private static LocalDate? StillAhead(Dispute dispute, LocalDate sentOn) =>
        dispute.ResolutionClock.IsPending && dispute.ResolutionClock.DueOn is { } due && due >= sentOn ? due : null;
}
