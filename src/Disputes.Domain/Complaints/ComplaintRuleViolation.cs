namespace Disputes.Domain.Complaints;

/// <summary>
/// Thrown when a step is not allowed in the complaint's current state (responding to a closed complaint, closing one
/// nobody answered). <see cref="Rule"/> says which rule refused it, so each audience words the refusal itself; the
/// message says why, for an agent.
/// </summary>
/// <param name="rule">The rule that refused the step.</param>
/// <param name="message">Why, with the facts, for an agent.</param>
public sealed class ComplaintRuleViolation(ComplaintRule rule, string message) : InvalidOperationException(message)
{
    /// <summary>The rule that refused the step.</summary>
    public ComplaintRule Rule { get; } = rule;
}

/// <summary>The rules that refuse a step on a complaint; the API names them in every refusal (<c>rule</c>, snake_case).</summary>
public enum ComplaintRule
{
    /// <summary>The complaint is closed; only reopening it is allowed.</summary>
    ComplaintClosed,

    /// <summary>Someone is reviewing it already.</summary>
    AlreadyInReview,

    /// <summary>It was answered already and waits to be closed; a further answer needs it reopened after closing.</summary>
    AlreadyResponded,

    /// <summary>It cannot be closed before the cardmember was answered: closing makes that answer the final one.</summary>
    NotResponded,

    /// <summary>Only a closed complaint can be reopened.</summary>
    NotClosed,
}
