namespace Disputes.Domain.Disputes;

/// <summary>
/// Thrown when a step is not allowed in the dispute's current state (acknowledging twice, resolving a
/// withdrawn dispute, ...). The message says why, in words an agent can act on.
/// </summary>
public sealed class DisputeRuleViolation(string message) : InvalidOperationException(message);
