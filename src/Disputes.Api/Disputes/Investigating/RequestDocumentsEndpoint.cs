using Disputes.Api.Identity;
using Disputes.Api.Notices;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Investigating;
using Disputes.Domain.Notices;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Disputes.Investigating;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/document-requests</c>.</summary>
/// <param name="From"><c>cardmember</c> or <c>merchant</c>.</param>
/// <param name="Documents">What is asked for.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
/// <param name="RespondBy">
/// From the cardmember: the date to send them by (account's zone), after today and not after the resolution due date;
/// absent: two weeks from today, or the resolution due date when that is sooner.
/// </param>
/// <param name="HowToSend">From the cardmember: how to send them; absent: by reply in the secure message centre or with an upload link.</param>
/// <param name="Language">From the cardmember: the letter's language, <c>en</c> or <c>es</c>; the dispute's language when absent.</param>
/// <param name="Channel">
/// From the cardmember: how the letter is sent, <c>secure_message</c> (default) or <c>postal</c> (into the print queue; the
/// request is recorded now, and the letter is sent when the mail vendor confirms the mailing). It meets no clock.
/// </param>
public sealed record RequestDocumentsRequest(
    string? From, [FreeText] string? Documents, long? ExpectedVersion, LocalDate? RespondBy = null, [FreeText] string? HowToSend = null,
    string? Language = null, string? Channel = null)
{
    /// <summary>How long a cardmember is given to send documents when the agent names no date.</summary>
    public static readonly Period DefaultTimeToRespond = Period.FromDays(14);

    /// <summary>The checked fields; what is wrong goes to <paramref name="errors"/>.</summary>
    public (DocumentSource? From, string? Documents) Check(FieldErrors errors)
    {
        NoticeOptions.Check(errors, Language, Channel);
        errors.Text("howToSend", HowToSend, 1000, required: false);
        return new ReceiveDocumentsRequest(From, Documents, ExpectedVersion).Check(errors);
    }
}

/// <summary>
/// Records that documents were requested from the cardmember or the merchant; a request to the cardmember is a written
/// notice (rule book section 8): what is asked, by when and how to send it.
/// </summary>
public static class RequestDocumentsEndpoint
{
    /// <summary>400 naming every bad field.</summary>
    public static IResult? Validate(RequestDocumentsRequest request)
    {
        var errors = new FieldErrors();
        request.Check(errors);
        return errors.ToResultOrNull();
    }

    /// <summary>200 with the dispute; 400 when the answer date is not after today or after the resolution due date.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/document-requests")]
    public static (IResult, Events) Post(
        RequestDocumentsRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock,
        NoticeIssuing notices, IDocumentSession session)
    {
        var (from, documents) = request.Check(new FieldErrors());
        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        var now = clock.GetCurrentInstant();
        var decided = InvestigationSteps.RequestDocuments(dispute, from!.Value, documents!, now);
        if (from != DocumentSource.Cardmember)
        {
            var (toMerchant, events) = DisputeCommand.Answer(dispute, decided);
            return (toMerchant, events);
        }

        var (language, channel) = NoticeOptions.For(dispute, request.Language, request.Channel);
        var letter = notices.Send(session, request.NoticeFor(dispute, documents!, notices.Issuer, now, language), language, channel);
        var (answer, withNotice) = DisputeCommand.Answer(dispute, [.. decided, letter]);
        return (answer, withNotice);
    }
}

/// <summary>The letter a request for documents from the cardmember sends, with the defaults an agent did not fill in.</summary>
public static class DocumentsRequestLetter
{
    /// <summary>The notice <paramref name="request"/> sends about <paramref name="dispute"/> at <paramref name="now"/>, asking for <paramref name="documents"/>.</summary>
    /// <exception cref="DisputeRuleViolation">As <see cref="DocumentsRequestNotice.For"/>.</exception>
    /// <exception cref="DisputeFieldViolation">As <see cref="DocumentsRequestNotice.For"/>.</exception>
    public static DocumentsRequestNotice NoticeFor(
        this RequestDocumentsRequest request, Dispute dispute, string documents, NoticeIssuer issuer, Instant now, NoticeLanguage language)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(dispute);
        var sentOn = now.InZone(dispute.TimeZone).Date;
        var respondBy = request.RespondBy ?? DefaultRespondBy(dispute, sentOn);
        var howToSend = request.HowToSend?.Trim() ?? DefaultHowToSend(language);
        return DocumentsRequestNotice.For(dispute, issuer, now, new DocumentsRequest(documents, DocumentSource.Cardmember, respondBy, howToSend));
    }

    private static LocalDate DefaultRespondBy(Dispute dispute, LocalDate sentOn)
    {
        var inTwoWeeks = sentOn + RequestDocumentsRequest.DefaultTimeToRespond;
        return dispute.ResolutionClock is { IsPending: true, DueOn: { } due } && due > sentOn && due < inTwoWeeks ? due : inTwoWeeks;
    }

    private static string DefaultHowToSend(NoticeLanguage language) => language == NoticeLanguage.Es
        ? "Responda a este mensaje en su centro de mensajes seguros, o cargue los documentos con el enlace que le envíe su agente."
        : "Reply to this message in your secure message centre, or upload the documents with the link your agent sends you.";
}
