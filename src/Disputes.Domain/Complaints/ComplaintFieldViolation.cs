namespace Disputes.Domain.Complaints;

/// <summary>
/// A complaint whose fields break a rule that depends on its account or dispute (a dispute of another account): the API
/// answers 400 naming the field, and nothing is stored.
/// </summary>
/// <param name="field">The field as the API names it (e.g. <c>disputeId</c>).</param>
/// <param name="message">What is wrong, for the agent.</param>
public sealed class ComplaintFieldViolation(string field, string message) : InvalidOperationException($"{field} {message}")
{
    /// <summary>The field as the API names it.</summary>
    public string Field { get; } = field;

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; } = message;
}
