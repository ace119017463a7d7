using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Notices;

/// <summary>
/// The correction of 1026.13(e) (rule book section 8): that the error was corrected, the amount credited including related
/// finance or other charges, and the date; for a partial outcome (1026.13(f)(3)), which part was wrong, credited, and why
/// the rest stands (<see cref="Rest"/>), with what is still owed.
/// </summary>
public sealed record CorrectionNotice : NoticeContent
{
    private CorrectionNotice(Dispute dispute, NoticeIssuer issuer, Instant sentAt, DisputeResolved resolution, decimal credited, NoticeExplanation? rest)
        : base(dispute, issuer, sentAt)
    {
        CreditedAmount = credited;
        CreditedOn = resolution.ResolvedAt.InZone(dispute.TimeZone).Date;
        DisputedWithCharges = dispute.Amount + dispute.FinanceCharges;
        Rest = rest;
    }

    /// <inheritdoc />
    public override NoticeKind Kind => NoticeKind.Correction;

    /// <summary>The amount credited to the account, including related finance or other charges.</summary>
    public decimal CreditedAmount { get; init; }

    /// <summary>The date the account was corrected and credited: the resolution's date, in the dispute's time zone.</summary>
    public LocalDate CreditedOn { get; init; }

    /// <summary>The disputed amount with the finance charges recorded on it: what a partial correction credited part of.</summary>
    public decimal DisputedWithCharges { get; init; }

    /// <summary>True when only part of the charge was wrong (<see cref="ResolutionOutcome.Partial"/>).</summary>
    public bool Partial => Rest is not null;

    /// <summary>For a partial correction: why the rest stands and what is still owed; null when the error was corrected in full.</summary>
    public NoticeExplanation? Rest { get; init; }

    /// <summary>Composes the correction of <paramref name="dispute"/>, sent at <paramref name="sentAt"/>.</summary>
    /// <param name="dispute">The dispute, resolved as <see cref="ResolutionOutcome.Corrected"/> or <see cref="ResolutionOutcome.Partial"/>.</param>
    /// <param name="issuer">The issuer the letter is from.</param>
    /// <param name="sentAt">When the correction is sent.</param>
    /// <param name="deliveryEstablished">For a partial correction of a claim of goods not received: how delivery of the rest was established.</param>
    /// <returns>The correction's facts.</returns>
    /// <exception cref="DisputeRuleViolation">
    /// The dispute is withdrawn, not resolved, resolved with no error found (its notice is the explanation), or resolved
    /// with no amount credited; or a partial outcome owes money with no due date.
    /// </exception>
    /// <exception cref="DisputeFieldViolation">
    /// A partial outcome recorded no explanation of the rest (<c>explanation</c>), or a claim of goods not received gives
    /// no <paramref name="deliveryEstablished"/> (<c>deliveryEstablished</c>).
    /// </exception>
    public static CorrectionNotice For(Dispute dispute, NoticeIssuer issuer, Instant sentAt, string? deliveryEstablished = null)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var resolution = NoticeRules.ResolutionOf(dispute, "a correction notice");
        if (resolution.Outcome == ResolutionOutcome.NoError)
        {
            throw new DisputeRuleViolation(DisputeRule.NoticeDoesNotFitOutcome, "Cannot issue a correction notice: the dispute was resolved with no error found, so its notice is the explanation.");
        }

        if (resolution.CreditedAmount is not > 0m)
        {
            throw new DisputeRuleViolation(DisputeRule.NoticeLacksFacts, "Cannot issue a correction notice: the resolution recorded no amount credited.");
        }

        var rest = resolution.Outcome == ResolutionOutcome.Partial ? NoticeRules.ExplanationOf(dispute, resolution, deliveryEstablished) : null;
        return new CorrectionNotice(dispute, issuer, sentAt, resolution, resolution.CreditedAmount.Value, rest);
    }
}
