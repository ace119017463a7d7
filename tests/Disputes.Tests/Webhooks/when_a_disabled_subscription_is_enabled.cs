using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Disputes.Tests.Webhooks;

/// <summary>
/// A subscription a 410 disabled is turned back on by an integrator: events stored from then on are sent again, and what
/// it missed while disabled stays in its log as skipped, counted in the answer, until a replay of the skipped ones sends
/// it, each with its own <c>webhook-id</c> and signed.
/// </summary>
public sealed class when_a_disabled_subscription_is_enabled(WebhookFixture fixture) : WebhookTest<WebhookFixture>(fixture)
{
    [Fact]
    public async Task it_is_sent_new_events_again_and_a_replay_of_the_skipped_ones_sends_what_it_missed()
    {
        var (subscription, secret) = await SubscribeAsync("dispute.opened", "dispute.acknowledged");
        await SubscribeAtAsync(Receiver.BaseUrl + "/other", "dispute.opened", "dispute.acknowledged");
        var gone = true;
        Receiver.Answer = r => r.Path == "/other" || !gone ? 200 : 410;
        await Client.RegisterAccountAsync();
        var first = await Client.OpenDisputeAsync();
        await Receiver.UntilAsync(r => r.Any(x => x.AnsweredWith == 410));
        await UntilStateAsync(subscription, "disabled");

        // While disabled: two events, recorded as skipped (the other subscription shows when the dispatch has read them).
        await Client.StepAsync(first, "acknowledgment");
        var second = await Client.OpenDisputeAsync();
        await Receiver.UntilAsync(r => r.Count(x => x.Path == "/other") >= 3, what: "the events at the other subscription");
        var log = await DeliveriesUntilAsync(subscription, d => d.Count(x => x["state"].Str() == "skipped") == 2);
        gone = false;

        var response = await Integrator.PostAsync($"/api/webhooks/subscriptions/{subscription}/enable", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var enabled = await response.BodyAsync();
        var view = enabled["subscription"]!;
        Assert.Equal(("active", "integrator:integrator-1"), (view["state"].Str(), view["enabledBy"].Str()));
        Assert.Contains("410", view["disabledBecause"].Str());
        Assert.Equal(2, (int)enabled["skipped"]!);
        var skippedFrom = enabled["skippedFrom"].Str();
        Assert.Equal(log.Where(d => d["state"].Str() == "skipped").Min(d => InstantPattern.ExtendedIso.Parse(d["recordedAt"].Str()).Value),
            InstantPattern.ExtendedIso.Parse(skippedFrom).Value);
        Assert.Equal(1, Receiver.Received.Count(r => r.Path != "/other"));

        // New events are sent again.
        await Client.StepAsync(second, "acknowledgment");
        var live = await Receiver.UntilAsync(r => r.Any(x => x.Path != "/other" && x.AnsweredWith == 200), what: "the first event after enabling");
        Assert.Equal("dispute.acknowledged", live.Single(x => x.Path != "/other" && x.AnsweredWith == 200).Type);

        // The replay of the skipped ones sends exactly what was missed; the delivered one is not sent again.
        var to = InstantPattern.ExtendedIso.Format(SystemClock.Instance.GetCurrentInstant() + Duration.FromMinutes(1));
        var replay = await Integrator.PostAsync($"/api/webhooks/subscriptions/{subscription}/replay?state=skipped&from={skippedFrom}&to={to}", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(2, (int)(await replay.BodyAsync())["replayed"]!);
        var received = await Receiver.UntilAsync(r => r.Count(x => x.Path != "/other" && x.AnsweredWith == 200) >= 3, what: "the skipped deliveries");
        log = await DeliveriesUntilAsync(subscription, d => d.Count == 4 && d.Count(x => x["state"].Str() == "delivered") == 3);

        var mine = received.Where(r => r.Path != "/other" && r.AnsweredWith == 200).ToList();
        Assert.All(mine, r => Assert.True(r.SignedWith(secret)));
        Assert.Equal(3, mine.Select(r => r.WebhookId).Distinct().Count());
        Assert.Equal(
            [(first["disputeId"].Str(), "dispute.acknowledged"), (second["disputeId"].Str(), "dispute.opened")],
            mine.Skip(1).Select(r => (r.Data["disputeId"].Str(), r.Type)).OrderBy(x => x.Item2));
        Assert.Equal("failed", log.Single(d => d["attempts"]!.AsArray().Any(a => a!["outcome"].Str() == "gone"))["state"].Str());
    }

    [Fact]
    public async Task enabling_an_active_subscription_changes_nothing()
    {
        var (subscription, _) = await SubscribeAsync("dispute.opened");

        var response = await Integrator.PostAsync($"/api/webhooks/subscriptions/{subscription}/enable", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var enabled = await response.BodyAsync();
        Assert.Equal("active", enabled["subscription"]!["state"].Str());
        Assert.Null(enabled["subscription"]!["enabledAt"]);
        Assert.Equal(0, (int)enabled["skipped"]!);
        Assert.Null(enabled["skippedFrom"]);
    }

    [Fact]
    public async Task an_unknown_subscription_is_not_found()
    {
        var response = await Integrator.PostAsync($"/api/webhooks/subscriptions/{Guid.NewGuid()}/enable", null);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("retrying")]
    [InlineData("lost")]
    public async Task a_replay_of_a_state_that_is_not_finished_is_refused(string state)
    {
        var (subscription, _) = await SubscribeAsync("dispute.opened");

        var response = await Integrator.PostAsync(
            $"/api/webhooks/subscriptions/{subscription}/replay?state={state}&from=2025-01-01T00:00:00Z&to=2030-01-01T00:00:00Z", null);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["state"], problem.ErrorFields());
    }

    private async Task UntilStateAsync(string subscription, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var current = await (await Integrator.GetAsync($"/api/webhooks/subscriptions/{subscription}")).BodyAsync();
            if (current["state"].Str() == state)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The subscription did not become {state}: {current.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
