using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;

namespace Disputes.Api.Notices;

/// <summary>
/// What a template sees: the notice's facts already written in the letter's language (dates in long form in the
/// account's zone, amounts as dollars), under snake_case names (<c>{{ case_number }}</c>, <c>{{ item.amount }}</c>).
/// Only the section of the notice's own kind is set; Templates/README.md lists every name.
/// </summary>
/// <remarks>
/// Templates render with strict variables, so a misspelt name fails instead of printing nothing, and Fluid counts a
/// null as undefined: every value a template may read is therefore set, an absent one as "" with a <c>has_...</c> flag
/// saying whether it is there.
/// </remarks>
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

        ExplanationView Explained(NoticeExplanation e, string resolvedOn) => new(
            e.Reasons, e.DeliveryEstablished is not null, e.DeliveryEstablished ?? "", e.MoneyOwed, Money(e.AmountOwed), f.Date(e.PaymentDueOn) ?? "",
            e.Forfeited is not null, e.Forfeited is { } forfeited ? Money(forfeited) : "", resolvedOn);

        var view = new LetterView(
            NoticeLanguages.Code(language), content.IssuerName, content.CaseNumber, content.CardEnding, f.Date(content.SentOn), content.TimeZoneId,
            new ItemView(content.Item.Merchant, Money(content.Item.Amount), f.Date(content.Item.TransactionDate)));
        return content switch
        {
            AcknowledgmentNotice n => view with
            {
                Acknowledgment = new(f.Date(n.ReceivedOn), n.FcbaProtected, f.Date(n.ResolutionDueOn) ?? "", n.RelatedCharges > 0, Money(n.RelatedCharges)),
            },
            DocumentsRequestNotice n => view with
            {
                DocumentsRequest = new(n.Documents, n.From == DocumentSource.Cardmember, n.From == DocumentSource.Merchant, f.Date(n.RespondBy), n.HowToSend,
                    n.ResolutionDueOn is not null, f.Date(n.ResolutionDueOn) ?? ""),
            },
            CorrectionNotice n => view with
            {
                Correction = new(Money(n.CreditedAmount), f.Date(n.CreditedOn), n.Partial, Money(n.DisputedWithCharges), n.Rest is { } rest ? Explained(rest, "") : null),
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

/// <summary>The acknowledgment's facts; <c>resolution_due_on</c> is "" for a late notice (<c>fcba_protected</c> false), <c>related_charges</c> meant only when <c>has_related_charges</c>.</summary>
internal sealed record AcknowledgmentView(string ReceivedOn, bool FcbaProtected, string ResolutionDueOn, bool HasRelatedCharges, string RelatedCharges);

/// <summary>The request for documents; <c>resolution_due_on</c> is "" for a late notice (<c>has_resolution_date</c> false).</summary>
internal sealed record DocumentsRequestView(string Documents, bool FromCardmember, bool FromMerchant, string RespondBy, string HowToSend, bool HasResolutionDate, string ResolutionDueOn);

/// <summary>The correction; <c>rest</c> explains what was not credited, for a partial correction only.</summary>
internal sealed record CorrectionView(string CreditedAmount, string CreditedOn, bool Partial, string DisputedWithCharges, ExplanationView? Rest);

/// <summary>
/// Why the account stands and what is owed: <c>delivery_established</c> when <c>has_delivery</c> (a claim of goods not
/// received), <c>payment_due_on</c> when <c>money_owed</c>, <c>forfeited</c> when <c>has_forfeiture</c> (after a missed
/// deadline); <c>resolved_on</c> is "" in a partial correction's explanation of the rest.
/// </summary>
internal sealed record ExplanationView(
    string Reasons, bool HasDelivery, string DeliveryEstablished, bool MoneyOwed, string AmountOwed, string PaymentDueOn, bool HasForfeiture, string Forfeited, string ResolvedOn);

/// <summary>The notice of reporting: <c>reported</c> or <c>resolution_reported</c>, and each party with its address lines.</summary>
internal sealed record ReportingView(bool Reported, bool ResolutionReported, string AmountReported, string ReportedOn, IReadOnlyList<PartyView> Parties);

/// <summary>A party reported to: <c>name</c> and <c>address</c> (a list of lines).</summary>
internal sealed record PartyView(string Name, IReadOnlyList<string> Address);
