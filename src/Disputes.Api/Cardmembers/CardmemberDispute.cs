using Disputes.Api.Cardmembers.Wording;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Api.Cardmembers;

/// <summary>
/// A dispute as its cardmember sees it: where it stands and what happens next in plain words, and the steps
/// that concern the cardmember. Internal work (notes, merchant contacts, escalations, finance-charge
/// bookkeeping, deadline warnings and breaches) and who did it are never part of it.
/// </summary>
/// <param name="CaseNumber">The case number to quote, e.g. <c>DSP-2025-000042</c>.</param>
/// <param name="Merchant">The merchant of the disputed charge.</param>
/// <param name="Amount">The disputed amount.</param>
/// <param name="Currency">ISO 4217 code of the amounts.</param>
/// <param name="CardLast4">The card the charge was on.</param>
/// <param name="TransactionDate">The date of the charge.</param>
/// <param name="ReceivedOn">The date the dispute was received.</param>
/// <param name="Status">Where it stands, as a value for programs (<c>open</c>, <c>acknowledged</c>, <c>resolved</c>, <c>withdrawn</c>, <c>reopened</c>).</param>
/// <param name="StatusText">Where it stands, in plain words.</param>
/// <param name="Next">What happens next, and by when when there is a date to promise.</param>
/// <param name="Steps">The steps taken, oldest first.</param>
/// <param name="CanWithdraw">Whether the cardmember can still withdraw it.</param>
/// <param name="Letters">The letters sent about it, oldest first, each readable and downloadable.</param>
/// <param name="WhilePending">
/// While the dispute's hold stands: that the cardmember need not pay the disputed amount now, in plain words (rule book
/// section 4); null otherwise.
/// </param>
/// <param name="Files">
/// The files the cardmember uploaded for it, oldest first; only in the view of one dispute (null in the list, which
/// would otherwise read every dispute's files).
/// </param>
/// <param name="NotYetBilled">
/// While the disputed charge is on no statement yet: that the dispute is handled all the same, in plain words (rule book
/// section 1); null once the statement date is known.
/// </param>
public sealed record CardmemberDispute(
    string CaseNumber,
    string Merchant,
    decimal Amount,
    string Currency,
    string CardLast4,
    LocalDate TransactionDate,
    LocalDate ReceivedOn,
    DisputeStatus Status,
    string StatusText,
    CardmemberNextStep Next,
    IReadOnlyList<CardmemberStep> Steps,
    bool CanWithdraw,
    IReadOnlyList<CardmemberLetter> Letters,
    string? WhilePending = null,
    IReadOnlyList<CardmemberFile>? Files = null,
    string? NotYetBilled = null)
{
    /// <summary>The view of <paramref name="dispute"/>, whose stream held <paramref name="events"/>, at <paramref name="now"/>.</summary>
    public static CardmemberDispute From(Dispute dispute, IEnumerable<object> events, Instant now, ICardmemberWording words) => new(
        dispute.CaseNumber, dispute.Merchant, dispute.Amount, dispute.Currency, dispute.CardLast4, dispute.TransactionDate,
        dispute.ReceivedOn, dispute.Status, words.Status(dispute.Status), NextStep(dispute, now, words),
        [.. events.Select(e => StepFor(e, dispute, words)).OfType<CardmemberStep>()], dispute.IsActive,
        [.. dispute.Notices.Select(n => CardmemberLetter.For(dispute, n, words))],
        dispute.Hold is { IsReleased: false, Terms.Stage: Domain.Holds.HoldStage.Pending } hold ? words.NeedNotPayNow(hold.Amount, hold.Currency) : null,
        NotYetBilled: dispute.NotYetBilled ? words.NotYetBilled() : null);

    private static CardmemberNextStep NextStep(Dispute dispute, Instant now, ICardmemberWording words)
    {
        switch (dispute.Status)
        {
            case DisputeStatus.Resolved when dispute.Resolution is { AmountOwed: > 0 and var owed, PaymentDueOn: { } due }:
                return new(words.PayBy(owed, dispute.Currency, due), due);
            case DisputeStatus.Resolved or DisputeStatus.Withdrawn:
                return new(words.NothingMoreNeeded(), null);
        }

        // Promise only a date still ahead: a clock past its breach instant (recorded or not) has no date left
        // to promise, and the cardmember is never told about the breach itself.
        var zone = dispute.TimeZone;
        bool Ahead(DeadlineClock clock) => clock.IsPending && clock.BreachInstant(zone) > now;
        if (dispute.Status == DisputeStatus.Open && Ahead(dispute.AcknowledgmentClock))
        {
            return new(words.WillAcknowledgeBy(dispute.AcknowledgmentClock.DueOn!.Value), dispute.AcknowledgmentClock.DueOn);
        }

        return Ahead(dispute.ResolutionClock)
            ? new(words.WillResolveBy(dispute.ResolutionClock.DueOn!.Value), dispute.ResolutionClock.DueOn)
            : new(words.WillWriteWithOutcome(), null);
    }

    internal static CardmemberStep? StepFor(object @event, Dispute dispute, ICardmemberWording words)
    {
        var text = @event switch
        {
            DisputeOpened e => words.Received(e.Merchant, e.Amount, e.Currency),
            AcknowledgmentSent => words.Acknowledged(),
            ProvisionalCreditIssued e => words.ProvisionalCredit(e.Amount, dispute.Currency),
            DocumentsRequested { From: DocumentSource.Cardmember } e => words.DocumentsRequested(e.Documents),
            DocumentsReceived { From: DocumentSource.Cardmember } => words.DocumentsReceived(),
            DisputeResolved { Outcome: ResolutionOutcome.Corrected } e => words.Corrected(e.CreditedAmount, dispute.Currency),
            DisputeResolved { Outcome: ResolutionOutcome.Partial } e => WithForfeiture(
                words.PartlyCorrected(e.CreditedAmount, e.Explanation, e.AmountOwed, dispute.Currency, e.PaymentDueOn), e, dispute, words),
            DisputeResolved e => WithForfeiture(words.NoErrorFound(e.Explanation, e.AmountOwed, dispute.Currency, e.PaymentDueOn), e, dispute, words),
            DisputeWithdrawn => words.Withdrawn(),
            DisputeReopened => words.Reopened(),

            // Internal: notes, merchant contacts and merchant documents, escalations, finance charges,
            // deadline warnings, breaches and recomputed deadlines.
            _ => null,
        };
        return text is null ? null : new CardmemberStep(DisputeEventTime.Of(@event).InZone(dispute.TimeZone).Date, text);
    }

    // The explanation letter says what a missed deadline forfeited, and so does the step: what is owed already leaves it out.
    private static string WithForfeiture(string text, DisputeResolved resolved, Dispute dispute, ICardmemberWording words) =>
        resolved.ForfeitureApplied is > 0 and var forfeited ? $"{text} {words.NotCollected(forfeited, dispute.Currency)}" : text;
}

/// <summary>What happens next.</summary>
/// <param name="Text">In plain words, e.g. "We will acknowledge your dispute by April 2, 2025."</param>
/// <param name="By">The date promised, when there is one.</param>
public sealed record CardmemberNextStep(string Text, LocalDate? By);

/// <summary>One step taken on the dispute.</summary>
/// <param name="On">The date it was taken, in the account's time zone.</param>
/// <param name="Text">What was done, in plain words.</param>
public sealed record CardmemberStep(LocalDate On, string Text);

/// <summary>A letter sent to the cardmember.</summary>
/// <param name="NoticeId">The letter's id.</param>
/// <param name="Kind">Which notice, for programs (<c>acknowledgment</c>, <c>correction</c>, ...).</param>
/// <param name="Title">What it is, in plain words.</param>
/// <param name="SentOn">The date it was sent, in the account's time zone.</param>
/// <param name="Language">The language it is written in.</param>
/// <param name="Html">Where to read it.</param>
/// <param name="Pdf">Where to download it as PDF.</param>
public sealed record CardmemberLetter(
    Guid NoticeId, Domain.Notices.NoticeKind Kind, string Title, LocalDate SentOn, Domain.Notices.NoticeLanguage Language, string Html, string Pdf)
{
    /// <summary>The letter <paramref name="notice"/> recorded on <paramref name="dispute"/>.</summary>
    public static CardmemberLetter For(Dispute dispute, Domain.Notices.NoticeIssued notice, ICardmemberWording words)
    {
        var at = $"/api/me/disputes/{Uri.EscapeDataString(dispute.CaseNumber)}/letters/{notice.NoticeId}";
        return new(notice.NoticeId, notice.Kind, words.LetterTitle(notice.Kind), notice.SentAt.InZone(dispute.TimeZone).Date, notice.Language,
            $"{at}/html", $"{at}/pdf");
    }
}

/// <summary>A file the cardmember sent, as they see it: what it is, never who stored it or its id.</summary>
/// <param name="Name">The name it is kept under.</param>
/// <param name="Size">Its size in bytes as stored.</param>
/// <param name="Type">Its media type.</param>
/// <param name="UploadedOn">The date it arrived, in the dispute's time zone.</param>
public sealed record CardmemberFile(string Name, long Size, string Type, LocalDate UploadedOn)
{
    /// <summary>The cardmember's view of <paramref name="file"/> of <paramref name="dispute"/>.</summary>
    public static CardmemberFile For(Dispute dispute, Evidence.EvidenceFile file)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(file);
        return new(file.Name, file.Size, file.ContentType, file.UploadedAt.InZone(dispute.TimeZone).Date);
    }
}

/// <summary>The cardmember's disputes, newest first.</summary>
/// <param name="Disputes">Each dispute of the token's accounts.</param>
public sealed record CardmemberDisputeList(IReadOnlyList<CardmemberDispute> Disputes);
