using Disputes.Domain.Complaints;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Disputes.Projections.Complaints;

/// <summary>
/// Keeps the <see cref="Complaint"/> document in step with its stream, inline, so a step's answer and the next read
/// agree. The fold itself is the domain's.
/// </summary>
public sealed class ComplaintProjection : SingleStreamProjection<Complaint, Guid>
{
    /// <summary>Reads only complaint events: a dispute's or an account's commit never loads a complaint document.</summary>
    public ComplaintProjection() => ComplaintEvents.IncludeIn(this);

    /// <inheritdoc />
    public override Complaint? Evolve(Complaint? snapshot, Guid id, IEvent e) => (snapshot, e.Data) switch
    {
        (null, ComplaintReceived received) => Complaint.Start(received),
        (null, _) => null,
        _ => snapshot.Evolve(e.Data),
    };
}
