using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Webhooks;

/// <summary>
/// A receiver that fails: deliveries are retried until it is back (none lost, none sent twice once accepted, each
/// dispute's in order), 410 disables the subscription, another 4xx fails the delivery at once, and a receiver that never
/// comes back is given up on when the retries are used up. The fixture's retries are seconds apart.
/// </summary>
public sealed class when_the_receiver_is_down(WebhookFixture fixture) : WebhookTest<WebhookFixture>(fixture)
{
    [Fact]
    public async Task deliveries_arrive_once_it_is_back_none_lost_none_duplicated_each_dispute_in_order()
    {
        var (subscription, secret) = await SubscribeAsync("dispute.opened", "dispute.acknowledged", "dispute.withdrawn");
        var down = true;
        Receiver.Answer = _ => down ? 503 : 200;
        await Client.RegisterAccountAsync();
        var disputes = new List<JsonObject>();
        for (var i = 0; i < 4; i++)
        {
            var dispute = await Client.OpenDisputeAsync();
            dispute = await Client.StepAsync(dispute, "acknowledgment");
            disputes.Add(await Client.StepAsync(dispute, "withdrawal"));
        }

        // Down long enough that every first attempt fails and some are retried more than once.
        await Receiver.UntilAsync(r => r.Count(x => x.AnsweredWith == 503) >= 8, what: "failed attempts while the receiver is down");
        var log = await DeliveriesAsync(subscription);
        Assert.Contains(log, d => d["state"].Str() == "retrying");
        Assert.Contains(log, d => d["state"].Str() == "held");
        down = false;

        var accepted = (await Receiver.UntilAsync(r => r.Count(x => x.AnsweredWith == 200) >= 12, what: "all 12 deliveries accepted")).Where(r => r.AnsweredWith == 200).ToList();
        log = await DeliveriesUntilAsync(subscription, d => d.Count == 12 && d.All(x => x["state"].Str() == "delivered"));

        Assert.Equal(12, accepted.Select(r => r.WebhookId).Distinct().Count());
        Assert.All(Receiver.Received, r => Assert.True(r.SignedWith(secret)));
        foreach (var dispute in disputes)
        {
            var ofDispute = accepted.Where(r => r.Data["disputeId"].Str() == dispute["disputeId"].Str()).ToList();
            Assert.Equal(["dispute.opened", "dispute.acknowledged", "dispute.withdrawn"], ofDispute.Select(r => r.Type));
            var versions = ofDispute.Select(r => (long)r.Data["streamVersion"]!).ToList();
            Assert.Equal(versions.Order(), versions);
        }

        // While a delivery was being retried, the later ones of its dispute waited: none was attempted before it succeeded.
        foreach (var dispute in disputes)
        {
            var attempts = Receiver.Received.Where(r => r.Data["disputeId"].Str() == dispute["disputeId"].Str()).ToList();
            var firstAccepted = attempts.FindIndex(r => r.AnsweredWith == 200);
            Assert.All(attempts.Take(firstAccepted), r => Assert.Equal("dispute.opened", r.Type));
        }

        Assert.Contains(log, d => d["attempts"]!.AsArray().Count > 1 && d["attempts"]!.AsArray()[0]!["statusCode"]!.GetValue<int>() == 503);
        Assert.All(log, d => Assert.Equal("delivered", d["attempts"]!.AsArray().Last()!["outcome"].Str()));
    }

    [Fact]
    public async Task a_410_disables_the_subscription_and_nothing_more_is_sent()
    {
        var (subscription, _) = await SubscribeAsync("dispute.opened", "dispute.acknowledged");
        // A second subscription that stays active shows when the dispatch has read the later events.
        await SubscribeAtAsync(Receiver.BaseUrl + "/other", "dispute.opened", "dispute.acknowledged");
        Receiver.Answer = r => r.Path == "/other" ? 200 : 410;
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();

        await Receiver.UntilAsync(r => r.Any(x => x.AnsweredWith == 410));
        var disabled = await UntilDisabledAsync(subscription);
        Assert.Equal("disabled", disabled["state"].Str());
        Assert.Contains("410", disabled["disabledBecause"].Str());
        var log = await DeliveriesAsync(subscription);
        Assert.Equal("failed", Assert.Single(log)["state"].Str());
        Assert.Equal("gone", Assert.Single(log[0]["attempts"]!.AsArray())!["outcome"].Str());

        await Client.StepAsync(dispute, "acknowledgment");
        await Client.OpenDisputeAsync();
        await Receiver.UntilAsync(r => r.Count(x => x.Path == "/other") >= 3, what: "the later events at the active subscription");

        Assert.Single(Receiver.Received, r => r.Path != "/other");
        // What it missed is in its log as skipped, for a replay once it is enabled again (when_a_disabled_subscription_is_enabled).
        log = await DeliveriesUntilAsync(subscription, d => d.Count == 3);
        Assert.Equal(["skipped", "skipped", "failed"], log.Select(d => d["state"].Str()));
        Assert.All(log.Take(2), d => Assert.Empty(d["attempts"]!.AsArray()));
        var replay = await Integrator.PostAsync($"/api/webhooks/subscriptions/{subscription}/deliveries/{log[0]["deliveryId"]}/replay", null);
        await replay.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task another_4xx_fails_the_delivery_without_retrying_and_the_next_of_the_dispute_goes_on()
    {
        var (subscription, _) = await SubscribeAsync("dispute.opened", "dispute.acknowledged");
        Receiver.Answer = r => r.Type == "dispute.opened" ? 400 : 200;
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        await Client.StepAsync(dispute, "acknowledgment");

        await Receiver.UntilAsync(r => r.Any(x => x.Type == "dispute.acknowledged"));
        var log = await DeliveriesUntilAsync(subscription, d => d.Count == 2 && d.All(x => x["state"].Str() is "failed" or "delivered"));

        var opened = log.Single(d => d["eventType"].Str() == "dispute.opened");
        Assert.Equal("failed", opened["state"].Str());
        Assert.Equal(400, (int)Assert.Single(opened["attempts"]!.AsArray())!["statusCode"]!);
        Assert.Equal("refused", opened["attempts"]![0]!["outcome"].Str());
        Assert.Equal("delivered", log.Single(d => d["eventType"].Str() == "dispute.acknowledged")["state"].Str());
        Assert.Single(Receiver.Received, r => r.Type == "dispute.opened");
    }

    [Fact]
    public async Task a_receiver_that_never_comes_back_is_given_up_on_when_the_retries_are_used_up()
    {
        var (subscription, _) = await SubscribeAsync("dispute.opened");
        Receiver.Answer = _ => 500;
        await Client.RegisterAccountAsync();
        await Client.OpenDisputeAsync();

        // The fixture's schedule has 12 waits, so 13 attempts in all.
        var log = await DeliveriesUntilAsync(subscription, d => d.Count == 1 && d[0]["state"].Str() == "abandoned", seconds: 60);

        Assert.Equal(13, log[0]["attempts"]!.AsArray().Count);
        Assert.Equal(13, Receiver.Received.Count);
        Assert.Single(Receiver.Received.Select(r => r.WebhookId).Distinct());
    }

    private async Task<JsonObject> UntilDisabledAsync(string subscription)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var current = await (await Integrator.GetAsync($"/api/webhooks/subscriptions/{subscription}")).BodyAsync();
            if (current["state"].Str() == "disabled" || DateTime.UtcNow > deadline)
            {
                return current;
            }

            await Task.Delay(100);
        }
    }
}
