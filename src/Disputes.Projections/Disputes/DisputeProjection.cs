using Disputes.Domain.Disputes;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Disputes.Projections.Disputes;

/// <summary>
/// Keeps the <see cref="Dispute"/> document in step with its stream, in the same transaction as the events
/// (inline), so a command's answer and the next read agree. The fold itself is the domain's.
/// </summary>
public sealed class DisputeProjection : SingleStreamProjection<Dispute, Guid>
{
    public override Dispute? Evolve(Dispute? snapshot, Guid id, IEvent e) => (snapshot, e.Data) switch
    {
        (null, DisputeOpened opened) => Dispute.Start(opened),
        (null, _) => null,
        _ => snapshot.Evolve(e.Data),
    };
}
