using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Identity;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Webhooks;

/// <summary>Making, reading and deleting subscriptions: who may, and what is refused.</summary>
public sealed class when_subscriptions_are_managed(WebhookFixture fixture) : WebhookTest<WebhookFixture>(fixture)
{
    [Fact]
    public async Task an_integrator_makes_one_and_gets_its_secret_once_in_the_standard_webhooks_form()
    {
        var response = await Integrator.PostJsonAsync("/api/webhooks/subscriptions", new JsonObject
        {
            ["url"] = Receiver.Url, ["eventTypes"] = new JsonArray("dispute.opened", "hold.placed", "dispute.opened"),
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.BodyAsync();
        var secret = body["secret"].Str();
        Assert.StartsWith("whsec_", secret);
        Assert.True(Convert.FromBase64String(secret["whsec_".Length..]).Length >= 24);
        var subscription = body["subscription"]!.AsObject();
        Assert.Equal($"/api/webhooks/subscriptions/{subscription["id"]}", response.Headers.Location?.ToString());
        Assert.Equal(Receiver.Url, subscription["url"].Str());
        Assert.Equal(["dispute.opened", "hold.placed"], subscription["eventTypes"]!.AsArray().Select(t => t.Str()));
        Assert.Equal("active", subscription["state"].Str());
        Assert.Equal("integrator:integrator-1", subscription["createdBy"].Str());

        var read = await Service.ClientAs(Roles.Compliance).GetAsync($"/api/webhooks/subscriptions/{subscription["id"]}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var list = await (await Service.ClientAs(Roles.Compliance).GetAsync("/api/webhooks/subscriptions")).BodyAsync();
        Assert.Single(list["items"]!.AsArray());
    }

    [Theory]
    [InlineData("""{ "eventTypes": ["dispute.opened"] }""", new[] { "url" })]
    [InlineData("""{ "url": "https://hooks.example.com/x" }""", new[] { "eventTypes" })]
    [InlineData("""{ "url": "https://hooks.example.com/x", "eventTypes": [] }""", new[] { "eventTypes" })]
    [InlineData("""{ "url": "https://hooks.example.com/x", "eventTypes": ["dispute.opened", "dispute.exploded"] }""", new[] { "eventTypes" })]
    [InlineData("""{ "url": "not a url", "eventTypes": ["dispute.opened"] }""", new[] { "url" })]
    [InlineData("""{ "url": "ftp://hooks.example.com/x", "eventTypes": ["dispute.opened"] }""", new[] { "url" })]
    [InlineData("""{ "url": "/relative/path", "eventTypes": ["dispute.opened"] }""", new[] { "url" })]
    [InlineData("""{ "url": "https://user:pass@hooks.example.com/x", "eventTypes": ["dispute.opened"] }""", new[] { "url" })]
    [InlineData("""{}""", new[] { "eventTypes", "url" })]
    public async Task a_bad_subscription_is_refused_with_a_problem_naming_each_field_and_nothing_is_stored(string json, string[] fields)
    {
        var response = await Integrator.PostAsync("/api/webhooks/subscriptions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(fields.Order(), problem.ErrorFields().Order());
        Assert.Empty((await (await Integrator.GetAsync("/api/webhooks/subscriptions")).BodyAsync())["items"]!.AsArray());
    }

    [Theory]
    [InlineData("""{ "url": 42, "eventTypes": ["dispute.opened"] }""", "$.url")]
    [InlineData("""{ "url": "https://hooks.example.com/x", "eventTypes": "dispute.opened" }""", "$.eventTypes")]
    public async Task a_value_of_the_wrong_json_type_is_named_by_its_path(string json, string path)
    {
        var response = await Integrator.PostAsync("/api/webhooks/subscriptions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains(path, (await response.ProblemAsync(HttpStatusCode.BadRequest))["detail"].Str());
    }

    [Fact]
    public async Task the_unknown_event_type_is_named_with_the_catalogue()
    {
        var response = await Integrator.PostJsonAsync("/api/webhooks/subscriptions",
            new JsonObject { ["url"] = Receiver.Url, ["eventTypes"] = new JsonArray("dispute.exploded") });

        var message = (await response.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["eventTypes"]![0].Str();
        Assert.Contains("'dispute.exploded'", message);
        Assert.Contains("hold.violated", message);
    }

    [Theory]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Compliance)]
    [InlineData(Roles.Cardmember)]
    public async Task only_an_integrator_may_make_rotate_enable_replay_or_delete(string role)
    {
        var (subscription, _) = await SubscribeAsync("dispute.opened");
        var caller = role == Roles.Cardmember ? Service.ClientAs(role, "cm-1", "acct-1001") : Service.ClientAs(role);

        await (await caller.PostJsonAsync("/api/webhooks/subscriptions",
            new JsonObject { ["url"] = Receiver.Url, ["eventTypes"] = new JsonArray("dispute.opened") })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await caller.PostAsync($"/api/webhooks/subscriptions/{subscription}/secret-rotation", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await caller.PostAsync($"/api/webhooks/subscriptions/{subscription}/enable", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await caller.PostAsync($"/api/webhooks/subscriptions/{subscription}/replay?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", null))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await caller.DeleteAsync($"/api/webhooks/subscriptions/{subscription}")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(role == Roles.Compliance ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            (await caller.GetAsync($"/api/webhooks/subscriptions/{subscription}/deliveries")).StatusCode);
    }

    [Fact]
    public async Task a_deleted_subscription_is_gone_with_its_log_and_gets_nothing_more()
    {
        var (subscription, _) = await SubscribeAsync("dispute.opened");
        var (other, _) = await SubscribeAtAsync(Receiver.BaseUrl + "/other", "dispute.opened");
        await Client.RegisterAccountAsync();
        await Client.OpenDisputeAsync();
        await Receiver.UntilAsync(r => r.Count >= 2);

        Assert.Equal(HttpStatusCode.NoContent, (await Integrator.DeleteAsync($"/api/webhooks/subscriptions/{subscription}")).StatusCode);
        await Client.OpenDisputeAsync();
        await Receiver.UntilAsync(r => r.Count(x => x.Path == "/other") >= 2, what: "the second dispute at the remaining subscription");

        Assert.Single(Receiver.Received, r => r.Path != "/other");
        await (await Integrator.GetAsync($"/api/webhooks/subscriptions/{subscription}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Integrator.GetAsync($"/api/webhooks/subscriptions/{subscription}/deliveries")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Integrator.DeleteAsync($"/api/webhooks/subscriptions/{subscription}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(2, (await DeliveriesAsync(other)).Count);
    }

    [Fact]
    public async Task the_openapi_document_describes_each_event_type_of_the_catalogue_as_a_webhook()
    {
        var document = await (await Service.AnonymousClient().GetAsync("/openapi/v1.json")).BodyAsync();

        var webhooks = document["webhooks"]!.AsObject();
        Assert.Equal(Disputes.Api.Webhooks.WebhookCatalogue.All.Select(t => t.Name).Order(), webhooks.Select(w => w.Key).Order());
        var opened = webhooks["dispute.opened"]!["post"]!;
        Assert.Equal(["webhook-id", "webhook-timestamp", "webhook-signature"], opened["parameters"]!.AsArray().Select(p => p!["name"].Str()));
        var schema = opened["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"].Str();
        var payload = document["components"]!["schemas"]![schema.Split('/').Last()]!;
        Assert.NotNull(payload["properties"]!["data"]);
        Assert.Contains("/api/webhooks/subscriptions", document["paths"]!.AsObject().Select(p => p.Key));
    }
}
