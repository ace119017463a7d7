namespace Disputes.Domain.Disputes;

/// <summary>
/// A command whose fields break a rule that depends on the dispute or its account (a payment date too early for the
/// account, a statement dated after the notice's receipt): the API answers 400 naming each field, and nothing is stored.
/// </summary>
public sealed class DisputeFieldViolation : InvalidOperationException
{
    /// <summary>One field and what is wrong with it.</summary>
    /// <param name="field">The command's field, as the API names it (e.g. <c>paymentDueOn</c>).</param>
    /// <param name="message">What is wrong and what would be right, with the figures.</param>
    public DisputeFieldViolation(string field, string message) : this([(field, message)])
    {
    }

    /// <summary>Several fields, each with what is wrong with it.</summary>
    /// <param name="violations">The fields as the API names them, each with its message; at least one.</param>
    public DisputeFieldViolation(IReadOnlyList<(string Field, string Message)> violations)
        : base(string.Join(" ", violations.Select(v => $"{v.Field} {v.Message}")))
    {
        Violations = violations;
    }

    /// <summary>The first field named, as the API names it.</summary>
    public string Field => Violations[0].Field;

    /// <summary>Every field named, each with what is wrong with it.</summary>
    public IReadOnlyList<(string Field, string Message)> Violations { get; }
}
