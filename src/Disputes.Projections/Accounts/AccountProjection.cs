using Disputes.Domain.Accounts;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Disputes.Projections.Accounts;

/// <summary>Keeps the <see cref="Account"/> document in step with its stream (inline).</summary>
public sealed class AccountProjection : SingleStreamProjection<Account, Guid>
{
    public override Account? Evolve(Account? snapshot, Guid id, IEvent e) => (snapshot, e.Data) switch
    {
        (null, AccountRegistered registered) => Account.Start(id, registered),
        (null, _) => null,
        _ => snapshot.Evolve(e.Data),
    };
}
