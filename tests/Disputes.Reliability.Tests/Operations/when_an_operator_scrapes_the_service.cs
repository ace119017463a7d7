using System.Net;
using Disputes.Reliability.Tests.Infrastructure;
using Disputes.Testing;
using Npgsql;
using Xunit;

namespace Disputes.Reliability.Tests.Operations;

/// <summary>
/// The real service as a process of its own, so that its metrics are its own: nothing the operator's endpoints
/// print names the database's host, user or database.
/// </summary>
public sealed class when_an_operator_scrapes_the_service
{
    [Fact]
    public async Task metrics_and_readiness_name_no_host_user_or_database()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"reliability_scrape_{Guid.NewGuid():N}");
        await using var service = await ServiceProcess.StartAsync(connectionString);
        var client = await service.ClientAsync();
        await client.RegisterAccountAsync("acct-1001");
        using (var opened = await client.PostJsonAsync("/api/disputes", ServiceApi.IntakeToday("acct-1001")))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        // Development opens the operator's endpoints; what they say is the same everywhere.
        var metrics = await client.GetStringAsync("/metrics");
        // Readiness waits for the durability agent, which the leader assigns on a heartbeat; on a busy machine that can
        // come after the first intake.
        var readiness = (await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(60))).ToJsonString();

        var database = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Contains("pool_name=\"disputes\"", metrics);
        foreach (var text in new[] { metrics, readiness })
        {
            Assert.DoesNotContain(database.Database!, text);
            Assert.DoesNotContain($"Host={database.Host}", text);
            Assert.DoesNotContain($"{database.Host}:{database.Port}", text);
            Assert.DoesNotContain($"Username={database.Username}", text);
        }
    }
}
