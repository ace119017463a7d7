namespace Disputes.Domain.Disputes;

/// <summary>
/// Thrown when a step is not allowed in the dispute's current state (acknowledging twice, resolving a withdrawn
/// dispute, ...). <see cref="Rule"/> says which rule refused it, so each audience words the refusal in its own language
/// without deciding again; the message says why, in words an agent can act on.
/// </summary>
/// <param name="rule">The rule that refused the step.</param>
/// <param name="message">Why, with the facts, for an agent.</param>
public sealed class DisputeRuleViolation(DisputeRule rule, string message) : InvalidOperationException(message)
{
    /// <summary>The rule that refused the step.</summary>
    public DisputeRule Rule { get; } = rule;
}

/// <summary>The rules that refuse a step on a dispute; the API names them in every refusal (<c>rule</c>, snake_case).</summary>
public enum DisputeRule
{
    /// <summary>The cardmember withdrew the dispute; nothing but notes may follow.</summary>
    Withdrawn,

    /// <summary>The dispute is resolved; it must be reopened as a reassertion first.</summary>
    Resolved,

    /// <summary>Only a resolved dispute can be reopened.</summary>
    NotResolved,

    /// <summary>The written acknowledgment was sent already; a dispute is acknowledged once.</summary>
    AlreadyAcknowledged,

    /// <summary>The written acknowledgment waits in the print queue for the post; a second one is not written meanwhile.</summary>
    AcknowledgmentQueuedForPost,

    /// <summary>The correction or explanation waits in the print queue: the resolution is not sent yet, so it cannot be reopened.</summary>
    ResolutionQueuedForPost,

    /// <summary>The dispute is already with that supervisor or team.</summary>
    AlreadyEscalatedThere,

    /// <summary>A provisional credit would exceed the disputed amount and related charges still uncredited.</summary>
    CreditExceedsDisputed,

    /// <summary>The notice asked for is not the one the dispute's outcome calls for (a correction for no error, an explanation for a credit).</summary>
    NoticeDoesNotFitOutcome,

    /// <summary>The dispute lacks a fact the notice must state (a resolution date, an amount credited, a payment due date, an amount in dispute).</summary>
    NoticeLacksFacts,

    /// <summary>No proposed resolution waits for approval.</summary>
    NoProposalPending,

    /// <summary>The proposal named is not the one waiting: a newer proposal replaced it.</summary>
    ProposalSuperseded,

    /// <summary>The dispute changed after the proposal (documents, charges, a hold violation), or the proposal would now be refused; it must be proposed again.</summary>
    ProposalOutdated,

    /// <summary>A supervisor may not approve or return their own proposal: a second person decides (answered 403).</summary>
    OwnProposal,

    /// <summary>The statement date is recorded already: it is given once, for a charge that was not yet billed at intake.</summary>
    StatementDateKnown,

    /// <summary>The amount owed was not disputed again within the payment period, so 1026.13(g)(4) puts no duty to name the parties reported to.</summary>
    NoReportingDuty,

    /// <summary>A resolution is reported to the parties before the report to them is recorded.</summary>
    NothingReportedYet,

    /// <summary>The reasserted dispute is not resolved yet, so there is no resolution to report.</summary>
    NotResolvedAgain,
}
