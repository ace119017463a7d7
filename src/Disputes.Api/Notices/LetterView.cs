using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;

namespace Disputes.Api.Notices;

/// <summary>
/// What a template sees: the notice's facts already written in the letter's language (dates in long form in the
/// account's zone, amounts as dollars), under snake_case names (<c>{{ case_number }}</c>, <c>{{ item.amount }}</c>).
/// Only the section of the notice's own kind is set; Templates/README.md lists every name.
/// </summary>
internal sealed record LetterView(
    string Lang,
    string IssuerName,
    string CaseNumber,
    string CardEnding,
    string SentOn,
    string TimeZone,
    ItemView Item,
    AcknowledgmentView? Acknowledgment = null,
    DocumentsRequestView? DocumentsRequest = null,
    CorrectionView? Correction = null,
    ExplanationView? Explanation = null,
    ReportingView? Reporting = null)
{
    /// <summary>The view of <paramref name="content"/> in <paramref name="language"/>.</summary>
    public static LetterView Of(NoticeContent content, NoticeLanguage language)
    {
        var f = LetterFormats.For(language);
        string Money(decimal amount) => f.Money(amount, content.Item.Currency);

        ExplanationView Explained(NoticeExplanation e, string? resolvedOn) => new(
            e.Reasons, e.DeliveryEstablished, e.MoneyOwed, Money(e.AmountOwed), f.Date(e.PaymentDueOn),
            e.Forfeited is { } forfeited ? Money(forfeited) : null, resolvedOn);

        var view = new LetterView(
            NoticeLanguages.Code(language), content.IssuerName, content.CaseNumber, content.CardEnding, f.Date(content.SentOn), content.TimeZoneId,
            new ItemView(content.Item.Merchant, Money(content.Item.Amount), f.Date(content.Item.TransactionDate)));
        return content switch
        {
            AcknowledgmentNotice n => view with
            {
                Acknowledgment = new(f.Date(n.ReceivedOn), n.FcbaProtected, f.Date(n.ResolutionDueOn), n.RelatedCharges > 0 ? Money(n.RelatedCharges) : null),
            },
            DocumentsRequestNotice n => view with
            {
                DocumentsRequest = new(n.Documents, n.From == DocumentSource.Cardmember, n.From == DocumentSource.Merchant, f.Date(n.RespondBy), n.HowToSend, f.Date(n.ResolutionDueOn)),
            },
            CorrectionNotice n => view with
            {
                Correction = new(Money(n.CreditedAmount), f.Date(n.CreditedOn), n.Partial, Money(n.DisputedWithCharges), n.Rest is { } rest ? Explained(rest, null) : null),
            },
            ExplanationNotice n => view with { Explanation = Explained(n.Explanation, f.Date(n.ResolvedOn)) },
            ReportingNotice n => view with
            {
                Reporting = new(n.Stage == ReportingStage.Reported, n.Stage == ReportingStage.ResolutionReported, Money(n.AmountReported), f.Date(n.ReportedOn),
                    [.. n.Parties.Select(p => new PartyView(p.Name, p.Address))]),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(content), content.Kind, "No letter is written for this kind of notice."),
        };
    }

    /// <summary>Every type a template reads members of, for Fluid's member access.</summary>
    public static IReadOnlyList<Type> Types { get; } =
        [typeof(LetterView), typeof(ItemView), typeof(AcknowledgmentView), typeof(DocumentsRequestView), typeof(CorrectionView), typeof(ExplanationView), typeof(ReportingView), typeof(PartyView)];
}

/// <summary>The disputed charge: <c>item.merchant</c>, <c>item.amount</c>, <c>item.transaction_date</c>.</summary>
internal sealed record ItemView(string Merchant, string Amount, string TransactionDate);

/// <summary>The acknowledgment's facts; <c>resolution_due_on</c> is null for a late notice, and <c>related_charges</c> when none are recorded.</summary>
internal sealed record AcknowledgmentView(string ReceivedOn, bool FcbaProtected, string? ResolutionDueOn, string? RelatedCharges);

/// <summary>The request for documents; <c>resolution_due_on</c> is null for a late notice.</summary>
internal sealed record DocumentsRequestView(string Documents, bool FromCardmember, bool FromMerchant, string RespondBy, string HowToSend, string? ResolutionDueOn);

/// <summary>The correction; <c>rest</c> explains what was not credited, for a partial correction only.</summary>
internal sealed record CorrectionView(string CreditedAmount, string CreditedOn, bool Partial, string DisputedWithCharges, ExplanationView? Rest);

/// <summary>
/// Why the account stands and what is owed; <c>delivery_established</c> only for a claim of goods not received,
/// <c>payment_due_on</c> only when <c>money_owed</c>, <c>forfeited</c> only after a missed deadline, <c>resolved_on</c> only in an explanation.
/// </summary>
internal sealed record ExplanationView(string Reasons, string? DeliveryEstablished, bool MoneyOwed, string AmountOwed, string? PaymentDueOn, string? Forfeited, string? ResolvedOn);

/// <summary>The notice of reporting: <c>reported</c> or <c>resolution_reported</c>, and each party with its address lines.</summary>
internal sealed record ReportingView(bool Reported, bool ResolutionReported, string AmountReported, string ReportedOn, IReadOnlyList<PartyView> Parties);

/// <summary>A party reported to: <c>name</c> and <c>address</c> (a list of lines).</summary>
internal sealed record PartyView(string Name, IReadOnlyList<string> Address);
