using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Hosting;
using Disputes.Reliability.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Disputes.Reliability.Tests.Faults;

/// <summary>
/// The primary PostgreSQL crashes under load and its synchronous standby is promoted. The service, given both hosts in
/// one connection string, answers 503 problems meanwhile (never a 500), writes to the new primary without a restart,
/// has lost no dispute it answered 201, and fires the breach timers it had scheduled before the crash once each.
/// </summary>
public sealed class when_the_primary_fails_over
{
    /// <summary>The acknowledgment of a notice received 2025-03-03 in Etc/UTC is due 2025-04-02 and breaches here.</summary>
    private static readonly Instant BreachInstant = Instant.FromUtc(2025, 4, 3, 0, 0);

    /// <summary>How far before the breach instant the service's clock starts: start, warm-up, load, crash, promotion.</summary>
    private static readonly Duration Lead = Duration.FromSeconds(60);

    /// <summary>How long before the breach instant (service time) the primary is killed.</summary>
    private static readonly Duration KillBeforeBreach = Duration.FromSeconds(16);

    /// <summary>The longest any answer may take while the primary is gone.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task requests_answer_503_meanwhile_and_the_service_moves_to_the_new_primary_losing_nothing()
    {
        await using var cluster = await ReplicatedPostgres.StartAsync();
        const string database = "disputes_failover";
        await cluster.CreateDatabaseAsync(database);
        // Both hosts, the primary first; the service's data source opens connections only on the one that accepts
        // writes. A short host recheck so the promoted standby is seen as a primary within a second or two.
        var connectionString = $"Host=127.0.0.1:{cluster.PrimaryPort},127.0.0.1:{cluster.StandbyPort};Username=postgres;Database={database};" +
                               "Target Session Attributes=read-write;Host Recheck Seconds=1";

        var offset = BreachInstant - Lead - SystemClock.Instance.GetCurrentInstant();
        Instant ServiceNow() => SystemClock.Instance.GetCurrentInstant() + offset;
        await using var service = await ServiceProcess.StartAsync(connectionString, new Dictionary<string, string>
        {
            [ShiftedClock.OffsetKey] = offset.ToTimeSpan().ToString("c"),
            ["Disputes:RateLimits:IntakePerMinute"] = "100000",
        });
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var agent = await service.ClientAsync();
        await agent.RegisterAccountAsync("acct-utc", "Etc/UTC");

        // Three disputes whose acknowledgment breaches seconds after the promotion: their timers are scheduled (in
        // the same transaction as their events) on the primary that will crash.
        var timerDisputes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var intake = ServiceApi.Intake("acct-utc", new LocalDate(2025, 2, 10), new LocalDate(2025, 2, 16));
            intake["noticeReceivedAt"] = InstantPattern.ExtendedIso.Format(Instant.FromUtc(2025, 3, 3, 15, 0));
            var opened = await agent.OpenDisputeAsync(intake);
            Assert.Equal(InstantPattern.ExtendedIso.Format(BreachInstant), opened["deadlines"]!["acknowledgment"]!["breachesAt"].Str());
            timerDisputes.Add(opened["disputeId"].Str());
        }

        var untilKill = BreachInstant - KillBeforeBreach - ServiceNow();
        Assert.True(untilKill > Duration.FromSeconds(2),
            $"The service took too long to start and warm up: {BreachInstant - ServiceNow()} was left before the breach, too little to crash the primary before it.");

        // Three clients open disputes, every answer recorded with how long it took.
        var answers = new ConcurrentQueue<Answer>();
        var accepted = new ConcurrentDictionary<Guid, DateTime>();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var serviceToday = ServiceNow().InUtc().Date;
        var clients = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => service.ClientAsync("agent", $"agent-{i}")));
        var load = clients.Select(client => Task.Run(() => IntakeLoad.OpenDisputesAsync(client, () => ServiceApi.Intake("acct-utc", serviceToday.PlusDays(-10), serviceToday.PlusDays(-5)),
            answers, id => accepted[id] = DateTime.UtcNow, stop.Token))).ToArray();
        await Task.Delay(untilKill.ToTimeSpan());

        var killedAt = DateTime.UtcNow;
        await cluster.KillPrimaryAsync();
        var acceptedBeforeKill = accepted.Where(a => a.Value < killedAt).Select(a => a.Key).ToList();
        Log($"primary killed with {acceptedBeforeKill.Count} disputes answered 201; {BreachInstant - ServiceNow()} before the breach");

        // While there is no primary: readiness says the database is down; intake answers 503 problems.
        var readiness = await service.WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15));
        Assert.Equal("unhealthy", readiness["checks"]!["database"]!["status"].Str());
        var refusedBy = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!answers.Any(a => a.At > killedAt && a.Status == 503))
        {
            Assert.True(DateTime.UtcNow < refusedBy, $"No 503 within 15 s of the crash: {IntakeLoad.Summary(answers.Where(a => a.At > killedAt))}\n{service.LogTail()}");
            await Task.Delay(100);
        }

        // A few seconds without any primary, as an operator or a failover manager takes to decide.
        await Task.Delay(TimeSpan.FromSeconds(4));
        await cluster.PromoteStandbyAsync();
        var promotedAt = DateTime.UtcNow;
        Log($"standby promoted {(promotedAt - killedAt).TotalSeconds:0.0} s after the crash; {BreachInstant - ServiceNow()} before the breach");

        // Intake works again on the new primary, in the same process.
        var firstWrite = await answers.FirstAcceptedAfterAsync(promotedAt, TimeSpan.FromSeconds(45), "the promotion", service);
        Log($"first 201 {(firstWrite - promotedAt).TotalSeconds:0.0} s after the promotion");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await service.StopAndExpectHealthyAsync(stop, load);

        // Never a 500, never an unbounded wait; every refusal a 503 problem, and none before the crash.
        var all = answers.ToList();
        Log($"before the crash: {IntakeLoad.Summary(all.Where(a => a.At < killedAt))}\ncrash to promotion: {IntakeLoad.Summary(all.Where(a => a.At >= killedAt && a.At < promotedAt))}\n" +
            $"after the promotion: {IntakeLoad.Summary(all.Where(a => a.At >= promotedAt))}");
        var bad = all.Where(a => a.Status is not (201 or 503) || a.Status == 503 && (!a.Problem || a.At < killedAt) || a.Took > AnswerBound).ToList();
        Assert.True(bad.Count == 0, $"Answers other than 201 and a prompt 503 problem after the crash: {IntakeLoad.Summary(bad)}\n{service.LogTail()}");

        // Everything answered 201, before the crash or after, is on the new primary, whole.
        await using var stored = new StoredState(cluster.ConnectionString(cluster.StandbyPort, database));
        var streams = await stored.DisputeStreamsAsync();
        var lost = accepted.Keys.Where(id => !streams.ContainsKey(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {accepted.Count} disputes answered 201 are not on the new primary " +
                                     $"({lost.Count(acceptedBeforeKill.Contains)} of them before the crash): {string.Join(", ", lost.Take(10))}");
        Assert.Empty(await stored.HalfWrittenDisputesAsync());
        foreach (var id in timerDisputes)
        {
            Assert.True(streams.ContainsKey(Guid.Parse(id)), $"The timer dispute {id} is not on the new primary.");
        }

        // The timers scheduled on the old primary fire on the new one, once each, at the breach instant.
        var breachBy = DateTime.UtcNow + (BreachInstant - ServiceNow()).ToTimeSpan() + TimeSpan.FromSeconds(60);
        foreach (var id in timerDisputes)
        {
            JsonObject dispute;
            while ((dispute = await agent.GetDisputeAsync(id))["deadlines"]!["acknowledgment"]!["status"].Str() != "breached")
            {
                Assert.True(DateTime.UtcNow < breachBy, $"The acknowledgment breach of {id} was not recorded within 60 s of its instant: {dispute["deadlines"]}\n{service.LogTail()}");
                await Task.Delay(500);
            }

            Assert.Equal(InstantPattern.ExtendedIso.Format(BreachInstant), dispute["deadlines"]!["acknowledgment"]!["breachedAt"].Str());
        }

        Log($"breaches recorded {ServiceNow() - BreachInstant} after their instant");
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var id in timerDisputes)
        {
            Assert.Equal(1, await stored.EventCountAsync(Guid.Parse(id), "deadline_breached"));
        }
    }

    private static void Log(string line) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
}
