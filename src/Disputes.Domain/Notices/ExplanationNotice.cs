using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Notices;

/// <summary>
/// The explanation of 1026.13(f) (rule book section 8): why the issuer believes the account is correct; for a claim of
/// goods not delivered, that delivery was established and how; that the cardmember may ask for copies of the documents
/// relied on; the amount still owed and the date it is due; and that an amount not paid by then may be reported as
/// delinquent.
/// </summary>
public sealed record ExplanationNotice : NoticeContent
{
    private ExplanationNotice(Dispute dispute, NoticeIssuer issuer, Instant sentAt, DisputeResolved resolution, NoticeExplanation explanation)
        : base(dispute, issuer, sentAt)
    {
        ResolvedOn = resolution.ResolvedAt.InZone(dispute.TimeZone).Date;
        Explanation = explanation;
    }

    /// <inheritdoc />
    public override NoticeKind Kind => NoticeKind.Explanation;

    /// <summary>The date the investigation concluded, in the dispute's time zone.</summary>
    public LocalDate ResolvedOn { get; init; }

    /// <summary>Why the account stands and what is still owed.</summary>
    public NoticeExplanation Explanation { get; init; }

    /// <summary>Composes the explanation of <paramref name="dispute"/>, sent at <paramref name="sentAt"/>.</summary>
    /// <param name="dispute">The dispute, resolved as <see cref="ResolutionOutcome.NoError"/>.</param>
    /// <param name="issuer">The issuer the letter is from.</param>
    /// <param name="sentAt">When the explanation is sent.</param>
    /// <param name="deliveryEstablished">For a claim of goods or services not received: how delivery was established; required then.</param>
    /// <returns>The explanation's facts.</returns>
    /// <exception cref="DisputeRuleViolation">
    /// The dispute is withdrawn, not resolved, or resolved with a credit (its notice is the correction, which explains the
    /// rest of a partial outcome); or money is owed with no due date.
    /// </exception>
    /// <exception cref="DisputeFieldViolation">
    /// The resolution recorded no explanation (<c>explanation</c>), or a claim of goods not received gives no
    /// <paramref name="deliveryEstablished"/> (<c>deliveryEstablished</c>).
    /// </exception>
    public static ExplanationNotice For(Dispute dispute, NoticeIssuer issuer, Instant sentAt, string? deliveryEstablished = null)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var resolution = NoticeRules.ResolutionOf(dispute, "an explanation notice");
        if (resolution.Outcome != ResolutionOutcome.NoError)
        {
            throw new DisputeRuleViolation(DisputeRule.NoticeDoesNotFitOutcome,
                "Cannot issue an explanation notice: the dispute was resolved with a credit, so its notice is the correction (which explains the rest of a partial outcome).");
        }

        return new ExplanationNotice(dispute, issuer, sentAt, resolution, NoticeRules.ExplanationOf(dispute, resolution, deliveryEstablished));
    }
}
