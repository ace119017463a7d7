using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Hosting;
using Disputes.Reliability.Tests.Infrastructure;
using Disputes.Testing;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Disputes.Reliability.Tests.Faults;

/// <summary>
/// SIGKILL in the middle of intake: nothing accepted is lost, nothing is half written, and a breach that came due
/// while no service ran is recorded once by the next process.
/// </summary>
public sealed class when_the_service_process_is_killed
{
    /// <summary>The acknowledgment of a notice received 2025-03-03 in Etc/UTC is due 2025-04-02 and breaches here.</summary>
    private static readonly Instant FirstBreachInstant = Instant.FromUtc(2025, 4, 3, 0, 0);

    /// <summary>How far before the breach instant the service's clock starts, at first.</summary>
    private static readonly Duration FirstLead = Duration.FromSeconds(20);

    /// <summary>The least load worth the name before the kill.</summary>
    private static readonly Duration LeastLoad = Duration.FromSeconds(5);

    [Fact]
    public async Task accepted_disputes_survive_whole_and_the_breach_due_meanwhile_fires_once()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"reliability_crash_{Guid.NewGuid():N}");
        await using var stored = new StoredState(connectionString);

        // The service's clock (ShiftedClock) starts a lead before a breach instant: time to start, warm up and take
        // load; the process is killed a few seconds before the breach. A start slower than that (a busy machine)
        // tries again with the next day's breach and a lead fitted to the start just seen, on the same database.
        ServiceProcess? first = null;
        var lead = FirstLead;
        Dictionary<string, string> settings = [];
        Duration offset = default;
        Instant breachInstant = default;
        string timerDisputeId = "";
        Instant ServiceNow() => SystemClock.Instance.GetCurrentInstant() + offset;
        for (var attempt = 0; first is null; attempt++)
        {
            breachInstant = FirstBreachInstant + Duration.FromDays(attempt);
            var startedAt = SystemClock.Instance.GetCurrentInstant();
            offset = breachInstant - lead - startedAt;
            settings = new Dictionary<string, string>
            {
                [ShiftedClock.OffsetKey] = offset.ToTimeSpan().ToString("c"),
                ["Disputes:RateLimits:IntakePerMinute"] = "100000",
            };
            var candidate = await ServiceProcess.StartAsync(connectionString, settings);
            Log($"attempt {attempt + 1}: started with a lead of {lead}");
            var agent = await candidate.ClientAsync();
            await agent.RegisterAccountAsync("acct-utc", "Etc/UTC");
            var timerIntake = ServiceApi.Intake("acct-utc", new LocalDate(2025, 2, 10), new LocalDate(2025, 2, 16));
            timerIntake["noticeReceivedAt"] = InstantPattern.ExtendedIso.Format(Instant.FromUtc(2025, 3, 3, 15, 0) + Duration.FromDays(attempt));
            var timerDispute = await agent.OpenDisputeAsync(timerIntake);
            Assert.Equal(InstantPattern.ExtendedIso.Format(breachInstant), timerDispute["deadlines"]!["acknowledgment"]!["breachesAt"].Str());
            if (breachInstant - Duration.FromSeconds(4) - ServiceNow() >= LeastLoad)
            {
                first = candidate;
                Log($"attempt {attempt + 1}: warmed up, {breachInstant - ServiceNow()} before the breach");
                timerDisputeId = timerDispute["disputeId"].Str();
            }
            else
            {
                var tail = candidate.LogTail();
                await candidate.DisposeAsync();
                Assert.True(attempt < 2, $"The service took too long to start and warm up, three times (the last lead was {lead}).\n{tail}");
                var warmUp = SystemClock.Instance.GetCurrentInstant() - startedAt;
                lead = Duration.Max(lead, warmUp + LeastLoad + Duration.FromSeconds(5));
            }
        }

        var accepted = new ConcurrentDictionary<Guid, Accepted>();

        var refused = new ConcurrentQueue<string>();
        string firstLogs;
        await using (first)
        {
            // Eight clients open disputes and acknowledge half of them, recording only what was answered 201/200.
            using var stop = new CancellationTokenSource();
            var serviceToday = ServiceNow().InUtc().Date;
            var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => first.ClientAsync("agent", $"agent-{i}")));
            var loops = clients.Select((client, i) => Task.Run(() => OpenAndAcknowledgeAsync(client, i, serviceToday, accepted, refused, stop.Token))).ToArray();

            await Task.Delay((breachInstant - Duration.FromSeconds(4) - ServiceNow()).ToTimeSpan());
            await first.KillAsync();
            Log($"killed with {accepted.Count} disputes accepted");
            await stop.CancelAsync();
            await Task.WhenAll(loops);
            firstLogs = first.Logs;
        }

        // Before the kill every request must succeed; after it requests fail to connect, which is not an answer.
        Assert.True(refused.IsEmpty, $"Answers other than success before the kill:\n{string.Join('\n', refused.Take(10))}");
        Assert.True(accepted.Count >= 10, $"Only {accepted.Count} disputes were accepted before the kill; the load did not run.\n{firstLogs[^Math.Min(firstLogs.Length, 4000)..]}");
        Assert.True(ServiceNow() < breachInstant, "The process was killed after the breach instant, so the breach did not come due during the outage.");

        // No service runs while the breach instant passes.
        var untilBreach = breachInstant - ServiceNow() + Duration.FromSeconds(1);
        await Task.Delay(untilBreach.ToTimeSpan());

        await using var second = await ServiceProcess.StartAsync(connectionString, settings);
        Log("second process started");

        // Every dispute answered 201 is there with every event answered 200, and nothing is half written.
        var streams = await stored.DisputeStreamsAsync();
        var missing = accepted.Values
            .Where(a => !streams.TryGetValue(a.DisputeId, out var stream) || stream.Version < a.Version || !a.Types.All(stream.Types.Contains))
            .Select(a => $"{a.DisputeId} (answered version {a.Version}: {string.Join(", ", a.Types)}; stored " +
                         (streams.TryGetValue(a.DisputeId, out var s) ? $"version {s.Version}: {string.Join(", ", s.Types)})" : "nothing)"))
            .ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {accepted.Count} accepted disputes lost events:\n{string.Join('\n', missing.Take(20))}");
        var halfWritten = await stored.HalfWrittenDisputesAsync();
        Assert.True(halfWritten.Count == 0, $"Half-written disputes:\n{string.Join('\n', halfWritten.Take(20))}");

        // The breach that came due while no service ran is recorded by the new process, once, at its instant.
        var agentAfter = await second.ClientAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonObject dispute;
        do
        {
            dispute = await agentAfter.GetDisputeAsync(timerDisputeId);
            if (dispute["deadlines"]!["acknowledgment"]!["status"].Str() == "breached")
            {
                break;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        Log($"breach {(dispute["deadlines"]!["acknowledgment"]!["status"].Str() == "breached" ? "recorded" : "not recorded")}");
        Assert.True(dispute["deadlines"]!["acknowledgment"]!["status"].Str() == "breached",
            $"The acknowledgment breach was not recorded after the restart: {dispute["deadlines"]}\n{second.LogTail()}");
        Assert.Equal(InstantPattern.ExtendedIso.Format(breachInstant), dispute["deadlines"]!["acknowledgment"]!["breachedAt"].Str());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await stored.EventCountAsync(Guid.Parse(timerDisputeId), "deadline_breached"));
    }

    private static void Log(string line) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");

    private static async Task OpenAndAcknowledgeAsync(
        HttpClient client, int loop, LocalDate serviceToday, ConcurrentDictionary<Guid, Accepted> accepted,
        ConcurrentQueue<string> refused, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                var intake = ServiceApi.Intake("acct-utc", serviceToday.PlusDays(-10), serviceToday.PlusDays(-5), $"crash-{loop}-{i}-{ServiceApi.NewChatSessionId()}");
                using var opened = await client.PostJsonAsync("/api/disputes", intake);
                if (opened.StatusCode != HttpStatusCode.Created)
                {
                    refused.Enqueue($"intake {(int)opened.StatusCode}: {await opened.Content.ReadAsStringAsync()}");
                    continue;
                }

                var body = JsonNode.Parse(await opened.Content.ReadAsStringAsync())!;
                var id = Guid.Parse(body["disputeId"].Str());
                var openedAt = (long)body["version"]!;
                accepted[id] = new Accepted(id, openedAt, ["dispute_opened", "hold_placed"]);
                if (i % 2 == 0)
                {
                    using var acknowledged = await client.CommandAsync(id.ToString(), "acknowledgment", openedAt);
                    if (acknowledged.StatusCode != HttpStatusCode.OK)
                    {
                        refused.Enqueue($"acknowledgment {(int)acknowledged.StatusCode}: {await acknowledged.Content.ReadAsStringAsync()}");
                    }
                    else
                    {
                        var version = (long)JsonNode.Parse(await acknowledged.Content.ReadAsStringAsync())!["version"]!;
                        accepted[id] = new Accepted(id, version, ["dispute_opened", "hold_placed", "acknowledgment_sent", "notice_issued"]);
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The process died under this request: its outcome is unknown, so nothing is recorded for it.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private sealed record Accepted(Guid DisputeId, long Version, IReadOnlyList<string> Types);
}
