using Disputes.Domain.Accounts;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Disputes.Projections.Compliance;

/// <summary>
/// Keeps the <see cref="ClockTally"/>: how many clocks there are per kind and status, and the forfeiture exposure of
/// the breached disputes (asynchronous: run by one node at a time, behind the event log).
/// </summary>
/// <remarks>
/// Each batch folds every dispute it touches through the same <see cref="ClockRow"/> logic as the inline clock rows,
/// once up to the batch (from the event log, which never changes) and once through it, and adds the difference to
/// the tally with one upsert per tally row. Nothing is read back from the projection's own writes, so a batch is
/// right even while the daemon is still committing the one before it, and a rebuild only has to empty the table.
/// </remarks>
public sealed class ClockTallyProjection : IProjection
{
    /// <summary>The projection's name in Marten's progress table and in the lag metric.</summary>
    public const string ProjectionName = "ClockTally";

    /// <inheritdoc />
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var streams = events
            .Where(e => e.Data is not (AccountRegistered or AccountUpdated or PastClosingCorrected))
            .GroupBy(e => e.StreamId)
            .ToList();
        if (streams.Count == 0)
        {
            return;
        }

        // A stream that starts in this batch has no history; the others are folded up to the batch from the log.
        var first = events.Min(e => e.Sequence);
        var continued = streams.Where(s => s.First().Data is not DisputeOpened).Select(s => s.Key).ToArray();
        var history = (continued.Length == 0
                ? []
                : await operations.Events.QueryAllRawEvents()
                    .Where(e => continued.Contains(e.StreamId) && e.Sequence < first)
                    .OrderBy(e => e.Sequence)
                    .ToListAsync(cancellation))
            .ToLookup(e => e.StreamId);

        var changes = new ClockTally.Changes();
        foreach (var stream in streams)
        {
            var before = Fold(null, history[stream.Key]);
            var after = Fold(before, stream.OrderBy(e => e.Sequence));
            changes.Remove(before);
            changes.Add(after);
        }

        ClockTally.Queue(operations, changes);
    }

    // The same fold as ClockRowProjection: nothing until the dispute is opened, then both clocks evolve with every event.
    private static ClockRow[]? Fold(ClockRow[]? rows, IEnumerable<IEvent> events)
    {
        foreach (var e in events)
        {
            rows = (rows, e.Data) switch
            {
                (null, DisputeOpened opened) => [ClockRow.Start(opened, ComplianceClock.Acknowledgment), ClockRow.Start(opened, ComplianceClock.Resolution)],
                (null, _) => null,
                _ => [rows[0].Evolve(e.Data), rows[1].Evolve(e.Data)],
            };
        }

        return rows;
    }
}
