using System.Diagnostics;
using System.Text.Json.Nodes;
using Disputes.Api.Hosting;
using Disputes.Reliability.Tests.Infrastructure;
using Disputes.Testing;
using NodaTime;
using Xunit;

namespace Disputes.Reliability.Tests.Nodes;

/// <summary>
/// Three service processes on one database, their clocks just before a midnight at which every dispute's
/// acknowledgment breaches. The node running the asynchronous daily totals is killed with SIGKILL (no goodbye, its
/// heartbeat simply stops) before that midnight. A survivor must take the projection over within a bounded time
/// and carry on from where the dead node stopped, and the breach timers the dead node scheduled must be recorded by
/// the survivors: every dispute and every breach counted once, none skipped, none twice.
/// </summary>
public sealed class when_the_node_running_the_projections_dies
{
    /// <summary>Notices received 2025-03-03 in Etc/UTC: the acknowledgment is due 2025-04-02 and breaches here.</summary>
    private static readonly Instant BreachInstant = Instant.FromUtc(2025, 4, 3, 0, 0);

    /// <summary>How far before the breach the nodes' clocks stand when the test starts them.</summary>
    private static readonly Duration Lead = Duration.FromSeconds(90);

    /// <summary>How long a survivor may take to pick the projection and the timers up after the kill.</summary>
    private static readonly TimeSpan HandOverBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task survivors_take_over_the_projection_and_the_timers_and_count_everything_once()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"reliability_nodes_{Guid.NewGuid():N}");
        await using var stored = new StoredState(connectionString);
        var offset = BreachInstant - Lead - SystemClock.Instance.GetCurrentInstant();
        Instant ServiceNow() => SystemClock.Instance.GetCurrentInstant() + offset;
        var settings = new Dictionary<string, string>
        {
            [ShiftedClock.OffsetKey] = offset.ToTimeSpan().ToString("c"),
            // Heartbeat and dead-node timeout (the service defaults are 5 s and 30 s).
            ["Disputes:Nodes:HeartbeatInterval"] = "00:00:01",
            ["Disputes:Nodes:DeadAfter"] = "00:00:05",
            ["Disputes:RateLimits:IntakePerMinute"] = "100000",
        };
        var nodes = new List<ServiceProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await ServiceProcess.StartAsync(connectionString, settings));
            }

            var agents = new List<HttpClient>();
            foreach (var node in nodes)
            {
                agents.Add(await node.ClientAsync());
            }

            await agents[0].RegisterAccountAsync("acct-utc");
            await OpenAsync(agents, 30);
            var before = await CaughtUpAsync(nodes[1], 30, 0, TimeSpan.FromSeconds(60));
            Assert.Equal(30, before.Notices);

            var runner = await RunnerAsync(nodes, TimeSpan.FromSeconds(30));
            Assert.True(ServiceNow() < BreachInstant - Duration.FromSeconds(10),
                $"The nodes took too long to start and warm up: the breach instant came before the kill ({BreachInstant - ServiceNow()} left).");
            var leftAtKill = BreachInstant - ServiceNow();
            await nodes[runner].KillAsync();
            var killedAt = Stopwatch.StartNew();
            var survivors = nodes.Where((_, i) => i != runner).ToList();

            // Intake goes on on the survivors while the dead node's projection is orphaned.
            await OpenAsync(agents.Where((_, i) => i != runner).ToList(), 30);
            Assert.True(ServiceNow() < BreachInstant, "The breach instant came before the intake after the kill ended.");
            var after = await CaughtUpAsync(survivors[0], 60, 60, (BreachInstant - ServiceNow()).ToTimeSpan() + HandOverBound);
            var caughtUp = killedAt.Elapsed;

            Assert.Equal(60, after.Notices);
            Assert.Equal(60, after.Breaches);
            Assert.Equal(60, await stored.ScalarAsync<long>("select count(*) from disputes.mt_events where type = 'deadline_breached'"));
            Assert.Equal(60, await stored.ScalarAsync<long>("select count(distinct stream_id) from disputes.mt_events where type = 'deadline_breached'"));
            Assert.Equal(await stored.ScalarAsync<long>("select max(seq_id) from disputes.mt_events"),
                await stored.ScalarAsync<long>("select last_seq_id from disputes.mt_event_progression where name = 'ComplianceDay:All'"));
            var newRunner = await RunnerAsync(survivors, TimeSpan.FromSeconds(30));
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"The projection ran on node {runner}, killed {leftAtKill.TotalSeconds:0.0} s before the breach instant; " +
                $"node {nodes.IndexOf(survivors[newRunner])} runs it now. Every breach and notice was counted {caughtUp.TotalSeconds:0.0} s after the kill.");
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
            var intake = ServiceApi.Intake("acct-utc", new LocalDate(2025, 2, 10), new LocalDate(2025, 2, 16));
            intake["noticeReceivedAt"] = "2025-03-03T15:00:00Z";
            await agents[i % agents.Count].OpenDisputeAsync(intake);
        }
    }

    /// <summary>
    /// Waits until the daily totals have applied every event and count the notices received 2025-03-03 and the
    /// acknowledgment breaches of 2025-04-03 expected; fails with what it last saw after <paramref name="timeout"/>.
    /// </summary>
    private static async Task<(int Notices, int Breaches)> CaughtUpAsync(ServiceProcess node, int notices, int breaches, TimeSpan timeout)
    {
        var compliance = await node.ClientAsync("compliance", "officer-1");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = await DayAsync(compliance, "2025-03-03");
            var breached = await DayAsync(compliance, "2025-04-03");
            var seen = ((int)received.Day["noticesReceived"]!, (int)breached.Day["acknowledgmentBreaches"]!);
            if ((long)breached.Freshness["eventsBehind"]! == 0 && seen.Item1 >= notices && seen.Item2 >= breaches)
            {
                return seen;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"After {timeout} the daily totals counted {seen.Item1} of {notices} notices and {seen.Item2} of {breaches} breaches: " +
                $"{breached.Freshness.ToJsonString()}\n{node.LogTail(30)}");
            await Task.Delay(250);
        }
    }

    private static async Task<(JsonNode Day, JsonNode Freshness)> DayAsync(HttpClient compliance, string date)
    {
        var response = await compliance.GetAsync($"/api/compliance/days?from={date}&to={date}");
        var totals = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (totals["days"]![0]!, totals["freshness"]!);
    }

    /// <summary>The index of the one node whose readiness says the daily totals run on it, once the nodes agree.</summary>
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

            // The nodes are asked one after another, so a reassignment between two answers can show it on none or
            // two for a moment: ask again until the answer is one node, or fail with what was seen last.
            Assert.True(DateTime.UtcNow < deadline, $"Expected the projection on exactly one node, found it on {runners.Count}.");
            await Task.Delay(500);
        }
    }
}
