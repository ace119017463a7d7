using Disputes.Api.Hosting;
using Marten;
using Npgsql;

namespace Disputes.Bench.Workload;

/// <summary>
/// The service's Marten store (<see cref="DisputesStore.Options"/>: same serializer, metadata, inline projections
/// and indexes) on the scenario's database, without the HTTP host or Wolverine, with its schema applied.
/// </summary>
public sealed class BenchStore : IAsyncDisposable
{
    private BenchStore(NpgsqlDataSource dataSource, DocumentStore store)
    {
        DataSource = dataSource;
        Store = store;
    }

    public NpgsqlDataSource DataSource { get; }

    public DocumentStore Store { get; }

    public static async Task<BenchStore> OpenAsync(string connectionString, CancellationToken cancellation)
    {
        var dataSource = DisputesStore.DataSource(connectionString);
        var store = new DocumentStore(DisputesStore.Options(dataSource));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new BenchStore(dataSource, store);
    }

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await DataSource.DisposeAsync();
    }
}
