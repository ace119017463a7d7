using JasperFx.Resources;
using Marten;
using Wolverine.Marten;

namespace Disputes.Api.Hosting;

/// <summary>The PostgreSQL database and the Marten event store on it: the event log, the documents and the projections.</summary>
public static class EventStore
{
    /// <summary>
    /// Registers the data source and the store. Without <c>ConnectionStrings:Disputes</c> a Debug build starts a local
    /// PostgreSQL cluster under <c>.data/postgres</c> of the repository and uses that; a Release build refuses to start
    /// (<see cref="DevelopmentDatabase"/>).
    /// </summary>
    public static async Task AddEventStoreAsync(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Disputes");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = await DevelopmentDatabase.StartAsync(builder);
        }

        var (dataSource, pools) = DisputesStore.Pools(connectionString);
        // Factory registrations, so the container disposes the pool (and its connections) with the host; with several
        // hosts the read-write view handed out does not own the hosts' pools, so their owner is disposed with it.
        builder.Services.AddSingleton(_ => new DataSourceOwner(pools));
        builder.Services.AddSingleton(services =>
        {
            services.GetRequiredService<DataSourceOwner>();
            return dataSource;
        });

        // Every node may run; Wolverine assigns each async projection or subscription to exactly one live
        // node (Marten's own HotCold election cannot take its lock with the lock library this project resolves).
        var marten = builder.Services.AddMarten(_ => DisputesStore.Options(dataSource))
            .UseLightweightSessions()
            .IntegrateWithWolverine(wolverine => wolverine.UseWolverineManagedEventSubscriptionDistribution = true);

        // Production applies schema changes only through the explicit `db-apply` / `resources setup` commands,
        // so a rolling deployment never has nodes racing to migrate; everywhere else the service does it on start.
        if (AppliesSchemaOnStart(builder))
        {
            marten.ApplyAllDatabaseChangesOnStartup();
            builder.Services.AddResourceSetupOnStartup();
        }
        else
        {
            builder.Services.ConfigureMarten(options => options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None);
        }
    }

    /// <summary>True outside Production, or where <c>Disputes:ApplySchemaOnStartup</c> asks for it.</summary>
    public static bool AppliesSchemaOnStart(WebApplicationBuilder builder) =>
        !builder.Environment.IsProduction() || builder.Configuration.GetValue<bool>("Disputes:ApplySchemaOnStartup");

    /// <summary>Disposes the data source that owns the connections when the container is disposed.</summary>
    private sealed class DataSourceOwner(Npgsql.NpgsqlDataSource owner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => owner.DisposeAsync();
    }
}
