using Marten;

namespace Disputes.Projections.Progress;

/// <summary>How far one asynchronous projection trails the event log.</summary>
/// <param name="Projection">The projection's name, e.g. <c>ComplianceDay</c>.</param>
/// <param name="Position">The sequence number of the last event it has applied; 0 before its first run.</param>
/// <param name="HighWaterMark">The sequence number of the newest event in the log.</param>
/// <param name="SecondsBehind">
/// How long the oldest event it has not applied yet has been waiting, in seconds; 0 when it is caught up.
/// Measured by the database's own clock against the events' own timestamps.
/// </param>
public sealed record ProjectionLag(string Projection, long Position, long HighWaterMark, double SecondsBehind)
{
    /// <summary>How many events it has still to apply.</summary>
    public long EventsBehind => Math.Max(0, HighWaterMark - Position);

    /// <summary>Reads the lag of each named asynchronous projection.</summary>
    /// <param name="session">A query session on the service's store.</param>
    /// <param name="projections">Projection names as registered (the shard <c>{name}:All</c> is read).</param>
    /// <param name="cancellation">Cancels the query.</param>
    public static async Task<IReadOnlyList<ProjectionLag>> ReadAsync(
        IQuerySession session, IReadOnlyList<string> projections, CancellationToken cancellation)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var lags = new List<ProjectionLag>(projections.Count);
        foreach (var projection in projections)
        {
            var lag = await session.QueryAsync<ProjectionLag>(
                $"""
                 select json_build_object(
                     'projection', wanted.name,
                     'position', coalesce(progress.last_seq_id, 0),
                     'highWaterMark', log.high_water_mark,
                     'secondsBehind', coalesce(extract(epoch from clock_timestamp() - (
                         select e.timestamp from {schema}.mt_events e
                         where e.seq_id > coalesce(progress.last_seq_id, 0)
                         order by e.seq_id limit 1)), 0))
                 from (select ?::text as name) wanted
                 cross join (select coalesce(max(seq_id), 0) as high_water_mark from {schema}.mt_events) log
                 left join {schema}.mt_event_progression progress on progress.name = wanted.name || ':All'
                 """,
                cancellation, projection);
            lags.Add(lag[0]);
        }

        return lags;
    }
}
