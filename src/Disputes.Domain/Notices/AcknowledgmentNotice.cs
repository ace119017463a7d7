using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Notices;

/// <summary>
/// The written acknowledgment of 1026.13(c)(1) (rule book section 8): that the billing-error notice was received and on
/// which date, the item disputed, that the issuer is investigating and will resolve it by the resolution due date, and
/// what the cardmember may do while it is pending (section 4): not pay the disputed amount and related charges, with no
/// collection and no report of it as delinquent.
/// </summary>
public sealed record AcknowledgmentNotice : NoticeContent
{
    private AcknowledgmentNotice(Dispute dispute, NoticeIssuer issuer, Instant sentAt)
        : base(dispute, issuer, sentAt)
    {
        ReceivedOn = dispute.ReceivedOn;
        FcbaProtected = dispute.FcbaProtected;
        ResolutionDueOn = dispute.FcbaProtected ? dispute.ResolutionClock.DueOn : null;
        RelatedCharges = dispute.FinanceCharges;
    }

    /// <inheritdoc />
    public override NoticeKind Kind => NoticeKind.Acknowledgment;

    /// <summary>The date the issuer received the billing-error notice, in the dispute's time zone.</summary>
    public LocalDate ReceivedOn { get; init; }

    /// <summary>
    /// True when the notice arrived within the 60-day window, so the letter promises the resolution date and the rights
    /// of a pending dispute; false for a late notice (rule book section 1), whose letter says it is worked without them.
    /// </summary>
    public bool FcbaProtected { get; init; }

    /// <summary>
    /// The date by which the issuer will resolve the dispute (the resolution clock's due date, rule book section 3);
    /// null for a late notice, which no resolution clock times.
    /// </summary>
    public LocalDate? ResolutionDueOn { get; init; }

    /// <summary>Finance charges related to the disputed amount recorded so far; the cardmember need not pay them either while it is pending.</summary>
    public decimal RelatedCharges { get; init; }

    /// <summary>Composes the acknowledgment of <paramref name="dispute"/>, sent at <paramref name="sentAt"/>.</summary>
    /// <param name="dispute">The dispute as it stands before the acknowledgment is recorded.</param>
    /// <param name="issuer">The issuer the letter is from.</param>
    /// <param name="sentAt">When the acknowledgment is sent.</param>
    /// <returns>The acknowledgment's facts.</returns>
    /// <exception cref="DisputeRuleViolation">
    /// The dispute was already acknowledged, or is withdrawn, or is resolved (its correction or explanation already
    /// answered the notice, so 1026.13(c)(1) asks no acknowledgment): the same refusals as
    /// <see cref="Disputes.Acknowledging.AcknowledgeDispute"/>, so the letter and the event never disagree. Or, for a timely
    /// notice, the resolution due date has passed, so the letter could promise no date.
    /// </exception>
    /// <exception cref="ArgumentException">As the <see cref="NoticeContent"/> base.</exception>
    public static AcknowledgmentNotice For(Dispute dispute, NoticeIssuer issuer, Instant sentAt)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (dispute.AcknowledgedAt is { } at)
        {
            throw new DisputeRuleViolation(DisputeRule.AlreadyAcknowledged,
                $"Cannot issue the acknowledgment: it was already sent on {at.InZone(dispute.TimeZone).Date:yyyy-MM-dd}; a dispute is acknowledged once.");
        }

        dispute.EnsureActive("issue the acknowledgment");
        if (dispute.FcbaProtected && dispute.ResolutionClock.DueOn is null)
        {
            // A timely notice always has a resolution clock; a letter without its date would not say what 1026.13(c)(1) requires.
            throw new DisputeRuleViolation(DisputeRule.NoticeLacksFacts, "Cannot issue the acknowledgment: the dispute has no resolution due date to give.");
        }

        if (dispute.FcbaProtected && dispute.ResolutionClock.DueOn < sentAt.InZone(dispute.TimeZone).Date)
        {
            // The letter would promise a resolution by a date already past; the resolution notice, due now, acknowledges it too.
            throw new DisputeRuleViolation(DisputeRule.NoticeLacksFacts,
                $"Cannot issue the acknowledgment: the resolution was due on {dispute.ResolutionClock.DueOn:yyyy-MM-dd}, so it can promise no resolution date; send the resolution, which acknowledges the notice too.");
        }

        return new AcknowledgmentNotice(dispute, issuer, sentAt);
    }
}
