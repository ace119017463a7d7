using System.Net;
using System.Text.Json.Nodes;
using Disputes.Domain.Holds;
using Disputes.Domain.Holds.Activity;
using Disputes.Tests.Infrastructure;
using NodaTime;
using Xunit;

namespace Disputes.Tests.Webhooks;

/// <summary>The happy path: events of a dispute reach a subscribed receiver, signed, thin, in order.</summary>
public sealed class when_disputes_are_worked_webhooks_are_delivered(WebhookFixture fixture) : WebhookTest<WebhookFixture>(fixture)
{
    /// <summary>The stream version of the dispute's last step of <paramref name="type"/>: a command may append more after it (its letter, the hold).</summary>
    private static long VersionOf(JsonObject dispute, string type) =>
        (long)dispute["steps"]!.AsArray().Last(s => s!["type"].Str() == type)!["version"]!;

    [Fact]
    public async Task opening_and_acknowledging_deliver_signed_thin_payloads_in_stream_order()
    {
        var (subscription, secret) = await SubscribeAsync("dispute.opened", "dispute.acknowledged");
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        var acknowledged = await Client.StepAsync(dispute, "acknowledgment");

        var received = await Receiver.UntilAsync(r => r.Count >= 2);

        Assert.Equal(["dispute.opened", "dispute.acknowledged"], received.Select(r => r.Type));
        Assert.All(received, r =>
        {
            Assert.True(r.SignedWith(secret), $"signature {r.Signature} of {r.WebhookId}");
            Assert.True(r.Fresh, $"timestamp {r.Timestamp}");
            Assert.StartsWith("msg_", r.WebhookId);
            Assert.Equal("/hooks/disputes", r.Path);
            Assert.Equal(dispute["disputeId"].Str(), r.Data["disputeId"].Str());
            Assert.Equal(dispute["caseNumber"].Str(), r.Data["caseNumber"].Str());
            Assert.Equal("acct-1001", r.Data["accountId"].Str());
            // Never free text: the cardmember's description, the merchant's name.
            Assert.DoesNotContain("I did not make this purchase", r.Body);
            Assert.DoesNotContain("XYZ Store", r.Body);
        });
        Assert.Equal([1L, VersionOf(acknowledged, "acknowledgment_sent")], received.Select(r => (long)r.Data["streamVersion"]!));
        Assert.Equal(2, received.Select(r => r.WebhookId).Distinct().Count());

        var opened = received[0].Json;
        Assert.Equal("2025-03-03T15:00:00Z", opened["timestamp"].Str());
        Assert.Equal(127.43m, (decimal)opened["data"]!["amount"]!);
        Assert.Equal("USD", opened["data"]!["currency"].Str());
        Assert.Equal("unauthorized", opened["data"]!["billingError"].Str());
        Assert.Equal("2025-02-10", opened["data"]!["transactionDate"].Str());
        Assert.Equal("2025-04-02", opened["data"]!["acknowledgmentDueOn"].Str());
        Assert.Equal("2025-05-15", opened["data"]!["resolutionDueOn"].Str());
        Assert.True((bool)opened["data"]!["fcbaProtected"]!);
        Assert.Equal(dispute["deadlines"]!["acknowledgment"]!["dueOn"].Str(), opened["data"]!["acknowledgmentDueOn"].Str());
        Assert.False(opened["data"]!.AsObject().ContainsKey("description"));
        Assert.False(opened["data"]!.AsObject().ContainsKey("merchant"));
        Assert.NotNull(received[1].Data["sentAt"]);

        var log = await DeliveriesUntilAsync(subscription, d => d.Count == 2 && d.All(x => x["state"].Str() == "delivered"));
        Assert.Equal(["dispute.acknowledged", "dispute.opened"], log.Select(d => d["eventType"].Str()));
        var attempt = Assert.Single(log[1]["attempts"]!.AsArray())!;
        Assert.Equal(200, (int)attempt["statusCode"]!);
        Assert.Equal("delivered", attempt["outcome"].Str());
        Assert.True((long)attempt["latencyMs"]! >= 0);
        Assert.NotNull(attempt["at"]);
        Assert.Equal(received[0].WebhookId, log[1]["webhookId"].Str());

        // The dispatch keeps its place in the log under the name the lag monitor reads.
        Assert.True(await Service.ScalarAsync<long>("select last_seq_id from disputes.mt_event_progression where name = 'WebhookDispatch:All'") > 0);
    }

    [Fact]
    public async Task a_subscription_gets_only_the_event_types_it_asked_for_and_only_events_after_it_was_made()
    {
        await Client.RegisterAccountAsync();
        var before = await Client.OpenDisputeAsync();
        var (subscription, _) = await SubscribeAsync("dispute.acknowledged");
        var dispute = await Client.OpenDisputeAsync();
        await Client.StepAsync(dispute, "acknowledgment");
        await Client.StepAsync(before, "notes", new() { ["text"] = "called the cardmember back" });

        var received = await Receiver.UntilAsync(r => r.Count >= 1);

        var only = Assert.Single(received);
        Assert.Equal("dispute.acknowledged", only.Type);
        Assert.Equal(dispute["disputeId"].Str(), only.Data["disputeId"].Str());
        Assert.DoesNotContain("called the cardmember back", only.Body);
        Assert.Single(await DeliveriesAsync(subscription));
    }

    [Fact]
    public async Task resolution_withdrawal_and_reopening_carry_their_figures_but_never_the_explanation_or_reasons()
    {
        var (_, secret) = await SubscribeAsync("dispute.resolved", "dispute.withdrawn", "dispute.reopened");
        await Client.RegisterAccountAsync();
        var resolved = await Client.OpenDisputeAsync();
        resolved = await Client.ResolveApprovedAsync(resolved, new()
        {
            ["outcome"] = "no_error", ["explanation"] = "The merchant showed a signed receipt", ["amountOwed"] = 127.43m, ["paymentDueOn"] = "2025-04-15",
        }, Supervisor);
        var reopenResponse = await Service.ClientAs("supervisor").CommandAsync(resolved, "reopening", new() { ["reason"] = "Cardmember insists it was not them" });
        Assert.Equal(HttpStatusCode.OK, reopenResponse.StatusCode);
        var withdrawn = await Client.OpenDisputeAsync();
        await Client.StepAsync(withdrawn, "withdrawal", new() { ["reason"] = "Found the charge on a family card" });

        var received = await Receiver.UntilAsync(r => r.Count >= 3);

        Assert.All(received, r => Assert.True(r.SignedWith(secret)));
        Assert.All(received, r =>
        {
            Assert.DoesNotContain("signed receipt", r.Body);
            Assert.DoesNotContain("insists", r.Body);
            Assert.DoesNotContain("family card", r.Body);
        });
        var resolution = received.Single(r => r.Type == "dispute.resolved").Data;
        Assert.Equal("no_error", resolution["outcome"].Str());
        Assert.Equal(127.43m, (decimal)resolution["amountOwed"]!);
        Assert.Equal("2025-04-15", resolution["paymentDueOn"].Str());
        Assert.Equal(VersionOf(resolved, "resolved"), (long)resolution["streamVersion"]!);
        Assert.Equal(VersionOf(await reopenResponse.BodyAsync(), "reopened"), (long)received.Single(r => r.Type == "dispute.reopened").Data["streamVersion"]!);
        Assert.Equal(withdrawn["disputeId"].Str(), received.Single(r => r.Type == "dispute.withdrawn").Data["disputeId"].Str());
    }

    [Fact]
    public async Task hold_events_recorded_on_the_dispute_are_delivered_with_terms_and_without_the_sentences()
    {
        var (_, secret) = await SubscribeAsync("hold.placed", "hold.violated");
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        var id = Guid.Parse(dispute["disputeId"].Str());
        var at = Instant.FromUtc(2025, 3, 3, 15, 0);

        // Recorded on the dispute's stream as the holds work records them.
        await using (var session = Service.Store.LightweightSession())
        {
            session.Events.Append(id,
                new HoldPlaced(127.43m, 0m, 127.43m, "USD", HoldTerms.WhilePending,
                    new AutopayCutoff(AutopayExclusion.FromScheduledPayment, new LocalDate(2025, 3, 14), new LocalDate(2025, 3, 11), new LocalDate(2025, 3, 3)), at),
                new HoldViolated(new AccountActivity(ActivityKind.AccountRestriction, at + Duration.FromDays(2), StatedCause: "cardholder asked for a freeze"),
                    HoldStage.Pending, 127.43m, "15 USC 1666(d)", "Restricting the account for disputing is forbidden while the dispute is pending.",
                    50m, false, at + Duration.FromDays(3)));
            await session.SaveChangesAsync();
        }

        var received = await Receiver.UntilAsync(r => r.Any(x => x.Type == "hold.violated"));

        Assert.All(received, r => Assert.True(r.SignedWith(secret)));
        var placed = received.Last(r => r.Type == "hold.placed").Data;
        Assert.Equal(127.43m, (decimal)placed["amount"]!);
        Assert.Equal("pending", placed["terms"]!["stage"].Str());
        Assert.True((bool)placed["terms"]!["collectionForbidden"]!);
        Assert.True((bool)placed["terms"]!["reportAsInDisputeRequired"]!);
        Assert.Equal("from_scheduled_payment", placed["autopay"]!["exclusion"].Str());
        Assert.Equal("2025-03-11", placed["autopay"]!["cutoffOn"].Str());
        Assert.Equal(dispute["caseNumber"].Str(), placed["caseNumber"].Str());

        var violated = received.Single(r => r.Type == "hold.violated");
        Assert.Equal("account_restriction", violated.Data["activity"].Str());
        Assert.Equal("15 USC 1666(d)", violated.Data["rule"].Str());
        Assert.Equal(50m, (decimal)violated.Data["forfeitureExposure"]!);
        Assert.DoesNotContain("forbidden while", violated.Body);
        Assert.DoesNotContain("freeze", violated.Body);
        Assert.True((long)violated.Data["streamVersion"]! > (long)placed["streamVersion"]!);
    }

    [Fact]
    public async Task a_delivery_and_a_time_range_can_be_replayed_with_the_same_webhook_id()
    {
        var (subscription, secret) = await SubscribeAsync("dispute.opened", "dispute.acknowledged");
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        await Client.StepAsync(dispute, "acknowledgment");
        var first = await Receiver.UntilAsync(r => r.Count >= 2);
        var log = await DeliveriesUntilAsync(subscription, d => d.Count == 2 && d.All(x => x["state"].Str() == "delivered"));
        var opened = log.Single(d => d["eventType"].Str() == "dispute.opened");

        var replay = await Integrator.PostAsync($"/api/webhooks/subscriptions/{subscription}/deliveries/{opened["deliveryId"]}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);

        var again = await Receiver.UntilAsync(r => r.Count >= 3);
        Assert.Equal(first[0].WebhookId, again[2].WebhookId);
        Assert.Equal(first[0].Body, again[2].Body);
        Assert.True(again[2].SignedWith(secret));
        log = await DeliveriesUntilAsync(subscription, d => d.Single(x => x["eventType"].Str() == "dispute.opened")["attempts"]!.AsArray().Count == 2);
        Assert.True((bool)log.Single(x => x["eventType"].Str() == "dispute.opened")["attempts"]!.AsArray()[1]!["replay"]!);

        var from = log.Min(d => NodaTime.Text.InstantPattern.ExtendedIso.Parse(d["recordedAt"].Str()).Value);
        var range = await Integrator.PostAsync(
            $"/api/webhooks/subscriptions/{subscription}/replay?from={from}&to={from + Duration.FromMinutes(5)}", null);
        Assert.Equal(HttpStatusCode.Accepted, range.StatusCode);
        Assert.Equal(2, (int)(await range.BodyAsync())["replayed"]!);

        var all = await Receiver.UntilAsync(r => r.Count >= 5);
        Assert.Equal(["dispute.opened", "dispute.acknowledged"], all.Skip(3).Select(r => r.Type));
        Assert.Equal([first[0].WebhookId, first[1].WebhookId], all.Skip(3).Select(r => r.WebhookId));
    }

    [Fact]
    public async Task a_replay_is_refused_while_the_delivery_is_unknown_or_the_range_is_wrong()
    {
        var (subscription, _) = await SubscribeAsync("dispute.opened");

        var unknown = await Integrator.PostAsync($"/api/webhooks/subscriptions/{subscription}/deliveries/{Guid.NewGuid()}/replay", null);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        var noRange = await Integrator.PostAsync($"/api/webhooks/subscriptions/{subscription}/replay", null);
        Assert.Equal(["from", "to"], (await noRange.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Order());
        var backwards = await Integrator.PostAsync($"/api/webhooks/subscriptions/{subscription}/replay?from=2025-03-04T00:00:00Z&to=2025-03-03T00:00:00Z", null);
        Assert.Equal(["to"], (await backwards.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }
}
