using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Disputes.LocalPostgres;
using Disputes.Reliability.Tests.Infrastructure;
using Xunit;

namespace Disputes.Reliability.Tests.Faults;

/// <summary>
/// PostgreSQL stops under load and comes back on the same port: meanwhile every answer is a prompt 503 with
/// problem details and readiness says why; afterwards intake works again in the same process, and nothing that was
/// answered 201 is lost.
/// </summary>
public sealed class when_the_database_goes_away
{
    /// <summary>The longest any answer may take while the database is away.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task requests_answer_503_meanwhile_and_the_service_recovers_without_a_restart()
    {
        // A cluster of its own: stopping it must not take the other tests' server down.
        await using var cluster = await LocalPostgresCluster.StartThrowawayAsync();
        var connectionString = await cluster.CreateDatabaseAsync("disputes_outage");
        await using var stored = new StoredState(connectionString);
        await using var service = await ServiceProcess.StartAsync(connectionString,
            new Dictionary<string, string> { ["Disputes:RateLimits:IntakePerMinute"] = "100000" });
        var agent = await service.ClientAsync();
        await agent.RegisterAccountAsync("acct-1001");
        await agent.OpenDisputeAsync(ServiceApi.IntakeToday("acct-1001"));

        // Light load: two clients opening disputes, every answer recorded with how long it took.
        var answers = new ConcurrentQueue<Answer>();
        var accepted = new ConcurrentBag<Guid>();
        using var stop = new CancellationTokenSource();
        var clients = await Task.WhenAll(service.ClientAsync("agent", "agent-1"), service.ClientAsync("agent", "agent-2"));
        var load = clients.Select(client => Task.Run(() => IntakeLoad.OpenDisputesAsync(client, () => ServiceApi.IntakeToday("acct-1001"), answers, accepted.Add, stop.Token))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(2));

        await cluster.StopAsync();
        var stoppedAt = answers.Count;
        try
        {
            // Readiness reports the database down, promptly and without a restart.
            var readiness = await service.WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15));
            Assert.Equal("unhealthy", readiness["checks"]!["database"]!["status"].Str());
            await Task.Delay(TimeSpan.FromSeconds(4));
        }
        finally
        {
            await cluster.StartAgainAsync();
        }

        var during = answers.Skip(stoppedAt).ToList();
        Assert.True(during.Count > 0, "No request was answered while the database was away.");
        Assert.True(during.Any(a => a.Status == 503), $"No 503 while the database was away: {IntakeLoad.Summary(during)}");

        // Intake works again in the same process.
        var recoveredBy = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!answers.Skip(stoppedAt).Any(a => a.Status == 201 && a.At > DateTime.UtcNow.AddSeconds(-2)))
        {
            Assert.True(DateTime.UtcNow < recoveredBy, $"Intake did not recover within 30 s of the database's return: {IntakeLoad.Summary(answers.Skip(stoppedAt))}\n{service.LogTail()}");
            await Task.Delay(200);
        }

        await service.StopAndExpectHealthyAsync(stop, load);

        // Never a 500, never an unbounded wait; every refusal a problem; every 201 stored.
        var all = answers.ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"Before the outage: {IntakeLoad.Summary(all.Take(stoppedAt))}\nFrom the outage on: {IntakeLoad.Summary(all.Skip(stoppedAt))}");
        var bad = all.Where(a => a.Status is not (201 or 503) || a.Status == 503 && !a.Problem || a.Took > AnswerBound).ToList();
        Assert.True(bad.Count == 0, $"Answers other than 201 and a prompt 503 problem: {IntakeLoad.Summary(bad)}\n{service.LogTail()}");
        var streams = await stored.DisputeStreamsAsync();
        var lost = accepted.Where(id => !streams.ContainsKey(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} disputes answered 201 are not stored: {string.Join(", ", lost.Take(10))}");
        Assert.Empty(await stored.HalfWrittenDisputesAsync());
    }
}
