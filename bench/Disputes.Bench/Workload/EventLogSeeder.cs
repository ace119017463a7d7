using Disputes.Domain.Accounts;
using Disputes.Domain.Disputes;
using Disputes.Domain.Streams;
using JasperFx.Events;
using Marten;
using NodaTime;

namespace Disputes.Bench.Workload;

/// <summary>
/// An event log of worked disputes (10 events each) and their accounts, written with Marten's bulk event insert:
/// events only, no projections, as a rebuild finds them.
/// </summary>
public sealed class EventLogSeeder
{
    /// <summary>Events per dispute stream.</summary>
    public const int EventsPerDispute = 10;

    private const int StreamsPerBatch = 2_000;
    private readonly IReadOnlyList<BenchAccount> _accounts = BenchAccounts.Create(64);
    private readonly DisputeFactory _factory = new();

    /// <summary>Writes the accounts and <paramref name="disputes"/> dispute streams; <paramref name="progress"/> gets disputes written.</summary>
    public async Task SeedAsync(DocumentStore store, int disputes, Action<int> progress, CancellationToken cancellation)
    {
        var registry = (IEventRegistry)store.Options.Events;
        var now = SystemClock.Instance.GetCurrentInstant();
        await store.BulkInsertEventsAsync(
            [.. _accounts.Select(a => StreamAction.Start(registry, StreamIds.ForAccount(a.AccountId), [a.Registered(now - Duration.FromDays(400))]))],
            StreamsPerBatch, cancellation);

        for (var written = 0; written < disputes; written += StreamsPerBatch)
        {
            var streams = new List<StreamAction>(StreamsPerBatch);
            for (var i = written; i < Math.Min(disputes, written + StreamsPerBatch); i++)
            {
                var opened = _factory.Open(_accounts[i % _accounts.Count], now - Duration.FromMinutes(i % (300 * 24 * 60)), now);
                streams.Add(StreamAction.Start(registry, opened.DisputeId, [.. DisputeFactory.History(opened, EventsPerDispute)]));
            }

            await store.BulkInsertEventsAsync(streams, StreamsPerBatch, cancellation);
            progress(Math.Min(disputes, written + StreamsPerBatch));
        }
    }
}
