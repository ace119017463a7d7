using System.Text.Json.Nodes;
using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using Disputes.Tests.Timers;
using NodaTime;
using Xunit;

namespace Disputes.Tests.Nodes;

/// <summary>Three service nodes on one PostgreSQL, as behind a load balancer.</summary>
public sealed class when_several_nodes_share_one_database : IAsyncLifetime
{
    private readonly List<DisputesHost> nodes = [];
    private readonly TestClock clock = new();
    private string connectionString = "";

    public async ValueTask InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        connectionString = await server.CreateDatabaseAsync($"disputes_nodes_{Guid.NewGuid():N}");
        for (var i = 0; i < 3; i++)
        {
            nodes.Add(await DisputesHost.StartAsync(connectionString, clock));
        }

        await nodes[0].Client.RegisterAccountAsync("acct-utc", "Etc/UTC", closingDay: 15);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task disputes_opened_on_every_node_are_stored_and_projected_once()
    {
        clock.SetNow("2025-03-03T15:00:00Z");
        var opened = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            nodes[i % 3].Client.OpenDisputeAsync(TestApi.Intake("acct-utc"))));

        Assert.Equal(30, opened.Select(d => d["caseNumber"].Str()).Distinct().Count());
        Assert.Equal(30, await nodes[1].DisputeCountAsync());
        Assert.Equal(30, await nodes[1].ScalarAsync<long>("select count(*) from disputes.mt_doc_dispute"));
        Assert.Equal(60, await nodes[2].ScalarAsync<long>("select count(*) from disputes.mt_doc_clockrow"));
        foreach (var dispute in opened)
        {
            var seen = await nodes[2].Client.GetDisputeAsync(dispute);
            Assert.Equal(2, (long)seen["version"]!);
        }

        // The asynchronous daily totals run on exactly one node and count every dispute once.
        var day = await DailyTotalsCaughtUpAsync(nodes[1], "2025-03-03");
        Assert.Equal(30, (int)day["noticesReceived"]!);
        Assert.Single(await RunnersAsync());
    }

    /// <summary>
    /// The nodes whose readiness says the daily totals run on them, once exactly one does: the nodes are asked one
    /// after another, and the first lag reading or a reassignment can make an answer show none or two for a moment.
    /// </summary>
    private async Task<List<int>> RunnersAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var runners = new List<int>();
            for (var i = 0; i < nodes.Count; i++)
            {
                var ready = await (await nodes[i].OperatorClient().GetAsync("/health/ready")).BodyAsync();
                if (ready["checks"]!["projections"]!["description"].Str().Contains("ComplianceDay runs on this node"))
                {
                    runners.Add(i);
                }
            }

            if (runners.Count == 1 || DateTime.UtcNow > deadline)
            {
                return runners;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<JsonObject> DailyTotalsCaughtUpAsync(DisputesHost node, string date)
    {
        var compliance = node.ClientAs("compliance");
        var totals = await Eventually.UntilAsync(
            async () => await (await compliance.GetAsync($"/api/compliance/days?from={date}&to={date}")).BodyAsync(),
            t => (long)t["freshness"]!["highWaterMark"]! > 0 && (long)t["freshness"]!["eventsBehind"]! == 0, "the daily totals to catch up");
        return totals["days"]![0]!.AsObject();
    }

    [Fact]
    public async Task timers_scheduled_by_a_node_that_stops_are_recorded_once_by_the_others()
    {
        clock.SetNow(Instant.FromUtc(2025, 4, 3, 0, 0) - Duration.FromSeconds(3));
        var scheduledOnFirst = new List<JsonObject>();
        for (var i = 0; i < 10; i++)
        {
            scheduledOnFirst.Add(await nodes[0].Client.OpenDisputeAsync(TestApi.Intake("acct-utc")));
        }

        await nodes[0].DisposeAsync();
        nodes.RemoveAt(0);

        foreach (var dispute in scheduledOnFirst)
        {
            await when_a_deadline_passes.WaitForAsync(nodes[0].Client, dispute,
                d => d["deadlines"]!["acknowledgment"]!["status"].Str() == "breached");
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(10, await nodes[0].ScalarAsync<long>(
            "select count(*) from disputes.mt_events where type = 'deadline_breached'"));
        Assert.Equal(10, await nodes[0].ScalarAsync<long>(
            "select count(distinct stream_id) from disputes.mt_events where type = 'deadline_breached'"));
    }
}
