using System.Diagnostics;
using System.Text.Json.Nodes;
using Disputes.Reliability.Tests.Infrastructure;
using Disputes.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Disputes.Reliability.Tests.Nodes;

/// <summary>
/// Three service processes on one database; the one running the asynchronous daily totals is killed with SIGKILL
/// (no goodbye, its heartbeat simply stops). A survivor must take the projection over within a bounded time and
/// carry on from where the dead node stopped: every dispute counted once, none skipped, none twice.
/// </summary>
public sealed class when_the_node_running_the_projections_dies
{
    /// <summary>Heartbeat and dead-node timeout of the test's nodes (the service defaults are 5 s and 30 s).</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Disputes:Nodes:HeartbeatInterval"] = "00:00:01",
        ["Disputes:Nodes:DeadAfter"] = "00:00:05",
        ["Disputes:RateLimits:IntakePerMinute"] = "100000",
    };

    /// <summary>How long a survivor may take to pick the projection up after the kill.</summary>
    private static readonly TimeSpan HandOverBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task a_survivor_takes_the_projection_over_and_counts_every_dispute_once()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"reliability_nodes_{Guid.NewGuid():N}");
        await using var stored = new StoredState(connectionString);
        var nodes = new List<ServiceProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await ServiceProcess.StartAsync(connectionString, Settings));
            }

            var agents = new List<HttpClient>();
            foreach (var node in nodes)
            {
                agents.Add(await node.ClientAsync());
            }

            await agents[0].RegisterAccountAsync("acct-utc");
            await OpenAsync(agents, 30);
            var (before, _) = await CaughtUpAsync(nodes[1], expected: 30, TimeSpan.FromSeconds(90));
            Assert.Equal(30, before);

            var runner = await RunnerAsync(nodes, TimeSpan.FromSeconds(30));
            await nodes[runner].KillAsync();
            var killedAt = Stopwatch.StartNew();
            var survivors = nodes.Where((_, i) => i != runner).ToList();
            var survivingAgents = agents.Where((_, i) => i != runner).ToList();

            // Intake goes on on the survivors while the dead node's projection is orphaned.
            await OpenAsync(survivingAgents, 30);
            var (after, freshness) = await CaughtUpAsync(survivors[0], expected: 60, HandOverBound);
            var handOver = killedAt.Elapsed;

            Assert.Equal(60, after);
            Assert.Equal(0, (long)freshness["eventsBehind"]!);
            Assert.Equal(await stored.ScalarAsync<long>("select max(seq_id) from disputes.mt_events"),
                await stored.ScalarAsync<long>("select last_seq_id from disputes.mt_event_progression where name = 'ComplianceDay:All'"));
            var newRunner = await RunnerAsync(survivors, TimeSpan.FromSeconds(30));
            TestContext.Current.TestOutputHelper?.WriteLine($"The projection ran on node {runner}; after the kill node {nodes.IndexOf(survivors[newRunner])} caught up {handOver.TotalSeconds:0.0} s later.");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task OpenAsync(IReadOnlyList<HttpClient> agents, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await agents[i % agents.Count].OpenDisputeAsync(ServiceApi.IntakeToday("acct-utc"));
        }
    }

    /// <summary>
    /// Waits until the daily totals have applied every event and count <paramref name="expected"/> notices, and
    /// returns the count and the freshness; fails with what it last saw after <paramref name="timeout"/>.
    /// </summary>
    private static async Task<(int Notices, JsonNode Freshness)> CaughtUpAsync(ServiceProcess node, int expected, TimeSpan timeout)
    {
        var compliance = await node.ClientAsync("compliance", "officer-1");
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await compliance.GetAsync($"/api/compliance/days?from={LocalDatePattern.Iso.Format(today.PlusDays(-1))}&to={LocalDatePattern.Iso.Format(today.PlusDays(1))}");
            var totals = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var notices = totals["days"]!.AsArray().Sum(d => (int)d!["noticesReceived"]!);
            var freshness = totals["freshness"]!;
            if ((long)freshness["eventsBehind"]! == 0 && notices >= expected)
            {
                return (notices, freshness);
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"The daily totals counted {notices} of {expected} notices after {timeout}: {freshness.ToJsonString()}\n{node.LogTail(30)}");
            await Task.Delay(250);
        }
    }

    /// <summary>The index of the one node whose readiness says the daily totals run on it.</summary>
    private static async Task<int> RunnerAsync(IReadOnlyList<ServiceProcess> nodes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var runners = new List<int>();
            for (var i = 0; i < nodes.Count; i++)
            {
                var ready = await nodes[i].WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
                if (ready["checks"]!["projections"]!["description"].Str().Contains("ComplianceDay runs on this node"))
                {
                    runners.Add(i);
                }
            }

            if (runners.Count == 1)
            {
                return runners[0];
            }

            Assert.True(runners.Count == 0 && DateTime.UtcNow < deadline, $"Expected the projection on exactly one node, found it on {runners.Count}.");
            await Task.Delay(500);
        }
    }
}
