namespace Disputes.Domain.Disputes;

/// <summary>
/// A command whose field breaks a rule that depends on the dispute (a payment date too early for its account): the
/// API answers 400 naming <see cref="Field"/>, and nothing is stored.
/// </summary>
/// <param name="field">The command's field, as the API names it (e.g. <c>paymentDueOn</c>).</param>
/// <param name="message">What is wrong and what would be right, with the figures.</param>
public sealed class DisputeFieldViolation(string field, string message) : InvalidOperationException(message)
{
    /// <summary>The command's field, as the API names it.</summary>
    public string Field { get; } = field;
}
