using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Hosting;
using Disputes.LocalPostgres;
using Disputes.Reliability.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Disputes.Reliability.Tests.Faults;

/// <summary>
/// PostgreSQL is reachable but stops answering (a proxy between the service and the server accepts connections and
/// relays no byte): every request answers 503 within the command timeout, readiness says the database is unhealthy,
/// and once bytes flow again the pool recovers and requests succeed in the same process.
/// </summary>
public sealed class when_the_database_stops_answering
{
    /// <summary>
    /// The longest an answer may take while stalled. A request that needs a new connection fails at the connect
    /// timeout (5 s); one whose command was already sent waits out the command timeout (10 s), then Npgsql's attempt to
    /// cancel it: a connection of its own for the cancel request (up to the connect timeout) and a wait for the
    /// server's answer (Npgsql's <c>Cancellation Timeout</c>, 2 s). Plus slack for a busy machine.
    /// </summary>
    private static readonly TimeSpan AnswerBound =
        TimeSpan.FromSeconds(DisputesStore.DefaultCommandTimeoutSeconds + DisputesStore.DefaultConnectTimeoutSeconds + 3)
        + TimeSpan.FromMilliseconds(new NpgsqlConnectionStringBuilder().CancellationTimeout);

    /// <summary>How long the database stays silent: long enough for each client to wait out a command timeout.</summary>
    private static readonly TimeSpan StallFor = TimeSpan.FromSeconds(DisputesStore.DefaultCommandTimeoutSeconds * 2 + 4);

    [Fact]
    public async Task requests_answer_503_within_the_command_timeout_and_the_pool_recovers_without_a_restart()
    {
        await using var cluster = await LocalPostgresCluster.StartThrowawayAsync();
        var direct = await cluster.CreateDatabaseAsync("disputes_silent");
        await using var proxy = StallingProxy.Start(new IPEndPoint(IPAddress.Loopback, cluster.Port));
        // The service's own timeouts (none in the string): connect 5 s, command 10 s.
        var viaProxy = new NpgsqlConnectionStringBuilder(direct) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
        await using var stored = new StoredState(direct);
        await using var service = await ServiceProcess.StartAsync(viaProxy,
            new Dictionary<string, string> { ["Disputes:RateLimits:IntakePerMinute"] = "100000" });
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var agent = await service.ClientAsync();
        await agent.RegisterAccountAsync("acct-1001");
        await agent.OpenDisputeAsync(ServiceApi.IntakeToday("acct-1001"));

        var answers = new ConcurrentQueue<Answer>();
        var accepted = new ConcurrentBag<Guid>();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var clients = await Task.WhenAll(service.ClientAsync("agent", "agent-1"), service.ClientAsync("agent", "agent-2"));
        var load = clients.Select(client => Task.Run(() => IntakeLoad.OpenDisputesAsync(client, () => ServiceApi.IntakeToday("acct-1001"), answers, accepted.Add, stop.Token))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(2));

        proxy.Stall();
        var stalledAt = DateTime.UtcNow;
        Log($"stalled after {answers.Count} answers");
        DateTime resumedAt;
        try
        {
            // Readiness answers promptly (each check has 3 s) and names the database.
            var watch = Stopwatch.StartNew();
            var readiness = await service.WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20));
            Log($"readiness answered 503 {watch.Elapsed.TotalSeconds:0.0} s into the stall: {readiness.ToJsonString()}");
            Assert.Equal("unhealthy", readiness["checks"]!["database"]!["status"].Str());

            var remaining = StallFor - (DateTime.UtcNow - stalledAt);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining);
            }

            // Every client waited out at least one timeout meanwhile.
            var during = answers.Where(a => a.At > stalledAt).ToList();
            Assert.True(during.Count(a => a.Status == 503) >= 2, $"Fewer than two 503s while the database was silent: {IntakeLoad.Summary(during)}\n{service.LogTail()}");
        }
        finally
        {
            proxy.Resume();
            resumedAt = DateTime.UtcNow;
        }

        Log($"resumed after {(resumedAt - stalledAt).TotalSeconds:0.0} s");

        // Intake works again in the same process, on the pool's new connections.
        var firstWrite = await answers.FirstAcceptedAfterAsync(resumedAt, TimeSpan.FromSeconds(30), "the database answering again", service);
        Log($"first 201 {(firstWrite - resumedAt).TotalSeconds:0.0} s after the resume");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await service.StopAndExpectHealthyAsync(stop, load);

        var all = answers.ToList();
        Log($"before the stall: {IntakeLoad.Summary(all.Where(a => a.At < stalledAt))}\nduring the stall: {IntakeLoad.Summary(all.Where(a => a.At >= stalledAt && a.At < resumedAt))}\n" +
            $"after it: {IntakeLoad.Summary(all.Where(a => a.At >= resumedAt))}");
        Log($"answers from the stall on, in seconds: {string.Join(", ", all.Where(a => a.At >= stalledAt).Take(20).Select(a => $"{a.Status} {a.Took.TotalSeconds:0.0}"))}");
        var bad = all.Where(a => a.Status is not (201 or 503) || a.Status == 503 && !a.Problem || a.Took > AnswerBound).ToList();
        Assert.True(bad.Count == 0, $"Answers other than 201 and a 503 problem within {AnswerBound.TotalSeconds} s: {IntakeLoad.Summary(bad)}\n{service.LogTail()}");
        var streams = await stored.DisputeStreamsAsync();
        var lost = accepted.Where(id => !streams.ContainsKey(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} disputes answered 201 are not stored: {string.Join(", ", lost.Take(10))}");
        Assert.Empty(await stored.HalfWrittenDisputesAsync());
    }

    private static void Log(string line) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
}
