using Disputes.Domain.Disputes;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Disputes.Projections.Compliance;

/// <summary>
/// Counts every dispute event on the <see cref="ComplianceDay"/> of its business instant (asynchronous: run
/// by one node at a time, behind the event log).
/// </summary>
public sealed class ComplianceDayProjection : MultiStreamProjection<ComplianceDay, string>
{
    /// <summary>The projection's name in Marten's progress table and in the lag metric.</summary>
    public const string ProjectionName = "ComplianceDay";

    /// <summary>Groups each counted event under the day of its business instant.</summary>
    public ComplianceDayProjection()
    {
        Name = ProjectionName;
        CustomGrouping((_, events, grouping) =>
        {
            foreach (var e in events.Where(e => ComplianceDay.Counts(e.Data)))
            {
                grouping.AddEvent(ComplianceDay.IdFor(DisputeEventTime.Of(e.Data)), e);
            }

            return Task.CompletedTask;
        });
    }

    /// <inheritdoc />
    public override ComplianceDay? Evolve(ComplianceDay? snapshot, string id, IEvent e) =>
        (snapshot ?? ComplianceDay.Empty(id)).Evolve(e.Data);
}
