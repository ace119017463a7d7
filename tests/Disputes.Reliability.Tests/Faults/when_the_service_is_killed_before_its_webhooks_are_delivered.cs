using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Webhooks.Delivering;
using Disputes.Reliability.Tests.Infrastructure;
using Disputes.Testing;
using Xunit;

namespace Disputes.Reliability.Tests.Faults;

/// <summary>
/// SIGKILL between commit and webhook delivery: disputes are being opened and acknowledged, their events committed,
/// and the receiver holds its answers, so at the kill some attempts are in flight (taken in by the receiver, their
/// outcome never recorded), others queued or held behind them, and the latest events perhaps not read by the dispatch yet. After
/// a restart every event committed reaches the receiver, each with a valid signature, in its dispute's order; the only
/// repeats are of the attempts that were in flight, with the same <c>webhook-id</c>, so a receiver that deduplicates on
/// it processes each event once.
/// </summary>
public sealed class when_the_service_is_killed_before_its_webhooks_are_delivered
{
    /// <summary>The subscribed event types and the stored events they come from.</summary>
    private static readonly Dictionary<string, string> Catalogue = new()
    {
        ["dispute_opened"] = "dispute.opened",
        ["hold_placed"] = "hold.placed",
        ["acknowledgment_sent"] = "dispute.acknowledged",
    };

    [Fact]
    public async Task every_committed_event_arrives_signed_and_in_order_repeated_only_under_its_own_webhook_id()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"reliability_webhooks_{Guid.NewGuid():N}");
        await using var stored = new StoredState(connectionString);
        await using var receiver = await HoldingWebhookReceiver.StartHoldingAsync();
        var settings = new Dictionary<string, string>
        {
            ["Disputes:RateLimits:IntakePerMinute"] = "100000",
            // A dead node is noticed within seconds (defaults 2 s and 30 s), an agent whose hand-over stalls on it is
            // placed again after 4 s (twice the check period; 60 s by default), and an attempt it left in flight is
            // freed 5 s after it started (its timeout and the claim's margin; 40 s by default), so the test waits
            // seconds, not minutes. An attempt that times out before the kill is retried, and must arrive all the same.
            ["Disputes:Nodes:HeartbeatInterval"] = "00:00:01",
            ["Disputes:Nodes:DeadAfter"] = "00:00:05",
            ["Disputes:Nodes:CheckAssignmentPeriod"] = "00:00:02",
            ["Disputes:Webhooks:Timeout"] = "00:00:04",
            ["Disputes:Webhooks:ClaimMargin"] = "00:00:01",
        };

        string subscriptionId, secret;
        var accepted = new ConcurrentDictionary<Guid, bool>();
        Log("starting");
        await using (var first = await ServiceProcess.StartAsync(connectionString, settings))
        {
            Log("first process started");
            var integrator = await first.ClientAsync("integrator", "collections-team");
            using (var subscribed = await integrator.PostJsonAsync("/api/webhooks/subscriptions", new JsonObject
            {
                ["url"] = receiver.Url,
                ["eventTypes"] = new JsonArray([.. Catalogue.Values.Select(t => JsonValue.Create(t))]),
            }))
            {
                var body = await subscribed.Content.ReadAsStringAsync();
                Assert.True(subscribed.StatusCode == HttpStatusCode.Created, body);
                var created = JsonNode.Parse(body)!;
                (subscriptionId, secret) = (created["subscription"]!["id"].Str(), created["secret"].Str());
            }

            var agents = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => first.ClientAsync("agent", $"agent-{i}")));
            await agents[0].RegisterAccountAsync("acct-utc");
            using var stop = new CancellationTokenSource();
            var loops = agents.Select((agent, i) => Task.Run(() => OpenAndAcknowledgeAsync(agent, i, accepted, stop.Token))).ToArray();

            // The kill comes while intake goes on and the receiver holds attempts in flight, none answered yet.
            try
            {
                await receiver.UntilAsync(r => r.Waiting >= 8 && accepted.Count >= 20, TimeSpan.FromSeconds(60),
                    () => $"8 attempts in flight and 20 disputes accepted; {receiver.Waiting} in flight, {accepted.Count} accepted\n{first.LogTail()}");
            }
            finally
            {
                var waitingAtKill = receiver.Waiting;
                await first.KillAsync();
                Log($"killed with {accepted.Count} disputes accepted and {waitingAtKill} attempts in flight");
                await stop.CancelAsync();
                await Task.WhenAll(loops);
            }
        }

        // Nothing was answered, so every request the first process sent is an attempt whose outcome it never recorded.
        Assert.Equal(0, receiver.Answered);
        var takenByFirst = receiver.Taken.Select(t => t.WebhookId).ToHashSet();
        receiver.Release();
        await using var second = await ServiceProcess.StartAsync(connectionString, settings);
        Log("second process started");

        // What the store holds now is what was committed: every one of its events must arrive, under the id the
        // service derives for this subscription and event.
        var events = await stored.EventsAsync([.. Catalogue.Keys]);
        var expected = events.ToDictionary(e => $"msg_{WebhookDelivery.IdFor(Guid.Parse(subscriptionId), e.Id):N}");
        Assert.All(accepted.Keys, dispute => Assert.Contains(events, e => e.StreamId == dispute && e.Type == "dispute_opened"));
        await receiver.UntilAsync(r => expected.Keys.All(r.Taken.Select(t => t.WebhookId).ToHashSet().Contains), TimeSpan.FromSeconds(90),
            () => $"all {expected.Count} events; {expected.Keys.Except(receiver.Taken.Select(t => t.WebhookId)).Count()} missing\n{second.LogTail()}");

        Log("every event arrived");
        var taken = receiver.Taken;
        Assert.All(taken, t => Assert.True(t.SignedWith(secret), $"{t.WebhookId}: the signature does not verify"));
        Assert.DoesNotContain(taken, t => !expected.ContainsKey(t.WebhookId));
        foreach (var (webhookId, e) in expected)
        {
            var copies = taken.Where(t => t.WebhookId == webhookId).ToList();
            Assert.Single(copies.Select(c => c.Body).Distinct());
            var data = copies[0].Data;
            Assert.Equal((Catalogue[e.Type], e.StreamId.ToString(), e.Version), (copies[0].Type, data["disputeId"].Str(), (long)data["streamVersion"]!));
        }

        // The attempts in flight at the kill, and only they, are repeated: taken in, their outcome never recorded.
        var repeated = taken.GroupBy(t => t.WebhookId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.NotEmpty(repeated);
        Assert.All(repeated, id => Assert.Contains(id, takenByFirst));
        Assert.All(takenByFirst, id => Assert.Contains(id, repeated));

        // Deduplicated on webhook-id, each dispute's events arrive in their order.
        var firstArrivals = taken.DistinctBy(t => t.WebhookId).ToList();
        foreach (var dispute in firstArrivals.GroupBy(t => t.Data["disputeId"].Str()))
        {
            var versions = dispute.Select(t => (long)t.Data["streamVersion"]!).ToList();
            Assert.True(versions.SequenceEqual(versions.Order()), $"dispute {dispute.Key} arrived as versions {string.Join(", ", versions)}");
        }

        Log($"{accepted.Count} disputes accepted, {expected.Count} events, {taken.Count} requests, {repeated.Count} repeated");
    }

    private static void Log(string line) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");

    private static async Task OpenAndAcknowledgeAsync(HttpClient agent, int loop, ConcurrentDictionary<Guid, bool> accepted, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                using var opened = await agent.PostJsonAsync("/api/disputes", ServiceApi.IntakeToday("acct-utc", $"hook-{loop}-{ServiceApi.NewChatSessionId()}"));
                if (opened.StatusCode != HttpStatusCode.Created)
                {
                    continue;
                }

                var body = JsonNode.Parse(await opened.Content.ReadAsStringAsync())!;
                var id = Guid.Parse(body["disputeId"].Str());
                accepted[id] = true;
                if (i % 2 == 0)
                {
                    using var acknowledged = await agent.CommandAsync(id.ToString(), "acknowledgment", (long)body["version"]!);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The process died under this request: its outcome is unknown, and the store says what was committed.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }
}
