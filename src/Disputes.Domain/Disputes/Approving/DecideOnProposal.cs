using Disputes.Domain.Disputes.Resolving;
using NodaTime;

namespace Disputes.Domain.Disputes.Approving;

/// <summary>A supervisor's decision on a pending proposal: approve it (it takes effect) or return it with a reason.</summary>
public static class DecideOnProposal
{
    /// <summary>
    /// The events that <paramref name="approver"/> approving <paramref name="proposalId"/> at <paramref name="now"/> records:
    /// any breach due by now, the approval, and the resolution itself, dated now. Its letter goes the way the proposal said:
    /// by secure message the approval meets the clocks; by post they wait for the mail vendor's confirmation.
    /// </summary>
    /// <exception cref="DisputeRuleViolation">
    /// Nothing is pending, a newer proposal replaced this one, the dispute changed since it, the proposal would now be
    /// refused, or the approver proposed it.
    /// </exception>
    public static IReadOnlyList<object> Approve(Dispute dispute, Guid proposalId, string approver, Instant now)
    {
        var proposed = PendingOf(dispute, proposalId, approver, "approve");
        var resolution = new ResolveDispute(proposed.Outcome, proposed.CreditedAmount, proposed.Explanation, proposed.AmountOwed, proposed.PaymentDueOn);
        IReadOnlyList<object> resolved;
        try
        {
            resolved = resolution.Decide(dispute, now, proposed.Channel);
        }
        catch (DisputeFieldViolation refused)
        {
            throw new DisputeRuleViolation(DisputeRule.ProposalOutdated,
                $"The proposal no longer holds ({refused.Message}). Return it so the agent can propose again.");
        }

        return
        [
            .. resolved.Take(resolved.Count - 1),
            new ResolutionApproved(proposalId, proposed.ProposedBy, proposed.ProposedAt, approver, now),
            resolved[^1],
        ];
    }

    /// <summary>The event that <paramref name="supervisor"/> returning <paramref name="proposalId"/> with <paramref name="reason"/> records.</summary>
    /// <exception cref="DisputeRuleViolation">Nothing is pending, a newer proposal replaced this one, or the supervisor proposed it.</exception>
    public static IReadOnlyList<object> Reject(Dispute dispute, Guid proposalId, string supervisor, string reason, Instant now)
    {
        var proposed = PendingOf(dispute, proposalId, supervisor, "return", outdatedIsFine: true);
        return [new ResolutionRejected(proposalId, proposed.ProposedBy, supervisor, reason, now)];
    }

    private static ResolutionProposed PendingOf(Dispute dispute, Guid proposalId, string supervisor, string step, bool outdatedIsFine = false)
    {
        dispute.EnsureActive($"{step} a proposed resolution");
        var pending = dispute.PendingProposal
            ?? throw new DisputeRuleViolation(DisputeRule.NoProposalPending, "No resolution is waiting for approval on this dispute.");
        if (pending.Proposed.ProposalId != proposalId)
        {
            throw new DisputeRuleViolation(DisputeRule.ProposalSuperseded,
                $"Proposal {proposalId} is not the one waiting: {pending.Proposed.ProposalId} replaced it. Review that one.");
        }

        if (string.Equals(pending.Proposed.ProposedBy, supervisor, StringComparison.Ordinal))
        {
            throw new DisputeRuleViolation(DisputeRule.OwnProposal,
                $"You proposed this resolution, so another supervisor must {step} it.");
        }

        if (!outdatedIsFine && pending.OutdatedBy is { } why)
        {
            throw new DisputeRuleViolation(DisputeRule.ProposalOutdated,
                $"{why} after this resolution was proposed. Return it so the agent can propose again with what is known now.");
        }

        return pending.Proposed;
    }
}
