using Disputes.Domain.Complaints;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Disputes.Projections.Complaints;

/// <summary>Keeps each complaint's <see cref="ComplaintRow"/> in step with its stream, inline, folded by the domain.</summary>
public sealed class ComplaintRowProjection : SingleStreamProjection<ComplaintRow, Guid>
{
    /// <summary>Reads only complaint events.</summary>
    public ComplaintRowProjection() => ComplaintEvents.IncludeIn(this);

    /// <inheritdoc />
    public override ComplaintRow? Evolve(ComplaintRow? snapshot, Guid id, IEvent e) => (snapshot, e.Data) switch
    {
        (null, ComplaintReceived received) => ComplaintRow.From(Complaint.Start(received)),
        (null, _) => null,
        _ => snapshot.Evolve(e.Data),
    };
}
