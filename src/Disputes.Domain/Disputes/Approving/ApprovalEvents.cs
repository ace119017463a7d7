using Disputes.Domain.Notices;
using NodaTime;

namespace Disputes.Domain.Disputes.Approving;

/// <summary>
/// An agent proposed a resolution that needs a second pair of eyes (a denial or a partial credit, see
/// <see cref="ResolutionApproval"/>). Nothing is resolved and no letter is sent until a supervisor other than the
/// proposer approves it; the clocks keep running meanwhile.
/// </summary>
/// <param name="ProposalId">Names this proposal; the approver approves exactly this one.</param>
/// <param name="Outcome">No error or partial.</param>
/// <param name="CreditedAmount">Partial: the amount to credit, in the dispute's currency.</param>
/// <param name="Explanation">The written explanation the letter will carry.</param>
/// <param name="AmountOwed">What the cardmember would still owe, in the dispute's currency.</param>
/// <param name="PaymentDueOn">When money is owed: the due date the letter will give.</param>
/// <param name="Language">The language of the letter sent on approval.</param>
/// <param name="Channel">How the letter will be sent.</param>
/// <param name="ProposedBy">The staff member who proposed it (the token's subject).</param>
/// <param name="ProposedAt">When.</param>
public sealed record ResolutionProposed(
    Guid ProposalId,
    ResolutionOutcome Outcome,
    decimal? CreditedAmount,
    string? Explanation,
    decimal? AmountOwed,
    LocalDate? PaymentDueOn,
    NoticeLanguage Language,
    DeliveryChannel Channel,
    string ProposedBy,
    Instant ProposedAt);

/// <summary>A supervisor other than the proposer approved the proposal; the resolution and its letter follow in the same commit.</summary>
/// <param name="ProposalId">The proposal approved.</param>
/// <param name="ProposedBy">Who proposed it.</param>
/// <param name="ProposedAt">When it was proposed.</param>
/// <param name="ApprovedBy">The supervisor who approved it (the token's subject).</param>
/// <param name="ApprovedAt">When; the resolution and its letter carry the same instant.</param>
public sealed record ResolutionApproved(Guid ProposalId, string ProposedBy, Instant ProposedAt, string ApprovedBy, Instant ApprovedAt);

/// <summary>A supervisor returned the proposal to the agent with a reason; the dispute stays pending.</summary>
/// <param name="ProposalId">The proposal rejected.</param>
/// <param name="ProposedBy">Who proposed it.</param>
/// <param name="RejectedBy">The supervisor who rejected it (the token's subject).</param>
/// <param name="Reason">Why, for the agent.</param>
/// <param name="RejectedAt">When.</param>
public sealed record ResolutionRejected(Guid ProposalId, string ProposedBy, string RejectedBy, string Reason, Instant RejectedAt);

/// <summary>The proposal waiting for a supervisor, and whether something happened since that the proposer did not see.</summary>
/// <param name="Proposed">What was proposed, by whom and when.</param>
/// <param name="OutdatedBy">
/// What changed on the dispute after the proposal (documents arrived, charges were recorded, the hold was violated), in
/// words for the approver; null while the proposal still describes the dispute as it stands.
/// </param>
public sealed record PendingProposal(ResolutionProposed Proposed, string? OutdatedBy = null)
{
    /// <summary>The pending proposal after <paramref name="event"/>; null once it is approved, rejected or overtaken.</summary>
    public PendingProposal? Evolve(object @event) => @event switch
    {
        ResolutionApproved or ResolutionRejected or DisputeResolved or DisputeWithdrawn => null,
        ResolutionProposed newer => new PendingProposal(newer),
        _ when OutdatedBy is not null => this,
        DocumentsReceived => this with { OutdatedBy = "Documents arrived" },
        FinanceChargesRecorded => this with { OutdatedBy = "Related finance charges were recorded" },
        Holds.HoldViolated => this with { OutdatedBy = "The hold was violated (a forfeiture now applies)" },
        _ => this,
    };
}
