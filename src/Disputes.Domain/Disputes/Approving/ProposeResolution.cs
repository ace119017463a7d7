using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Notices;
using NodaTime;

namespace Disputes.Domain.Disputes.Approving;

/// <summary>
/// An agent proposes a resolution that needs approval. The proposal is checked now exactly as the resolution would be,
/// so the approver only ever sees one that could take effect.
/// </summary>
/// <param name="Resolution">The resolution proposed.</param>
/// <param name="Language">The letter's language.</param>
/// <param name="Channel">How the letter will be sent.</param>
/// <param name="ProposedBy">The proposer (the token's subject).</param>
public sealed record ProposeResolution(ResolveDispute Resolution, NoticeLanguage Language, DeliveryChannel Channel, string ProposedBy)
{
    /// <summary>The events that proposing on <paramref name="dispute"/> at <paramref name="now"/> records; a newer proposal replaces a pending one.</summary>
    /// <exception cref="DisputeRuleViolation">The dispute is resolved or withdrawn.</exception>
    /// <exception cref="DisputeFieldViolation">The resolution itself would be refused (a payment date too early, an amount owed that includes the forfeiture).</exception>
    public IReadOnlyList<object> Decide(Dispute dispute, Guid proposalId, Instant now)
    {
        dispute.EnsureActive("propose a resolution");
        var breaches = Resolution.Decide(dispute, now).OfType<DeadlineBreached>();
        return
        [
            .. breaches,
            new ResolutionProposed(proposalId, Resolution.Outcome, Resolution.CreditedAmount, Resolution.Explanation,
                Resolution.AmountOwed ?? 0m, Resolution.AmountOwed > 0 ? Resolution.PaymentDueOn : null, Language, Channel, ProposedBy, now),
        ];
    }
}
