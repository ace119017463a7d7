using Disputes.Domain.Complaints;
using Marten.Schema;
using NodaTime;

namespace Disputes.Projections.Complaints;

/// <summary>
/// One complaint flattened for the lists (compliance's at-risk, overdue, open and all; the cardmember's own), with the
/// columns they filter and sort on duplicated out of the JSON and indexed (<see cref="ComplaintRowStorage"/>).
/// </summary>
public sealed record ComplaintRow
{
    /// <summary>Called by Marten when it maps this document: the table's columns and indexes.</summary>
    /// <param name="mapping">Marten's mapping of this document type.</param>
    public static void ConfigureMarten(DocumentMapping mapping) => ComplaintRowStorage.Configure((DocumentMapping<ComplaintRow>)mapping);

    /// <summary>The complaint's stream id.</summary>
    public Guid Id { get; init; }

    /// <summary>Its reference, e.g. <c>CMP-2025-000123</c>.</summary>
    public string Reference { get; init; } = "";

    /// <summary>The account.</summary>
    public string AccountId { get; init; } = "";

    /// <summary>Where it stands.</summary>
    public ComplaintStatus Status { get; init; }

    /// <summary>True until it is closed.</summary>
    public bool IsOpen { get; init; }

    /// <summary>When it was received.</summary>
    public Instant ReceivedAt { get; init; }

    /// <summary>
    /// The breach instant of the first deadline whose duty is undone, breached or not; null when both duties are done. The
    /// at-risk and overdue lists are ranges of it.
    /// </summary>
    public Instant? NextBreachInstant { get; init; }

    /// <summary>The complaint as the domain folds it.</summary>
    public Complaint State { get; init; } = null!;

    /// <summary>The row of <paramref name="complaint"/>.</summary>
    public static ComplaintRow From(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return new ComplaintRow
        {
            Id = complaint.Id,
            Reference = complaint.Reference,
            AccountId = complaint.AccountId,
            Status = complaint.Status,
            IsOpen = complaint.IsOpen,
            ReceivedAt = complaint.ReceivedAt,
            NextBreachInstant = complaint.NextBreachInstant,
            State = complaint,
        };
    }

    /// <summary>The row after an event of its complaint's stream.</summary>
    public ComplaintRow Evolve(object @event) => From(State.Evolve(@event));
}
