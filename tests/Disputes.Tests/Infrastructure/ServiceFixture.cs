using Disputes.Testing;
using Xunit;

namespace Disputes.Tests.Infrastructure;

/// <summary>
/// One service host per test class, on a database of its own, so test classes run in parallel without
/// sharing state. Tests within a class run one after another and start from empty storage.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    private DisputesHost? host;

    public DisputesHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    public async ValueTask InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"disputes_{Guid.NewGuid():N}");
        host = await DisputesHost.StartAsync(connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

/// <summary>Base of the service tests: the host of the class, emptied before each test.</summary>
public abstract class ServiceTest(ServiceFixture fixture) : IClassFixture<ServiceFixture>, IAsyncLifetime
{
    protected DisputesHost Service => fixture.Host;

    protected HttpClient Client => fixture.Host.Client;

    protected HttpClient Supervisor => fixture.Host.Supervisor;

    protected TestClock Clock => fixture.Host.Clock;

    public virtual async ValueTask InitializeAsync()
    {
        await Service.ResetAsync();
        Clock.SetNow("2025-03-03T15:00:00Z");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
