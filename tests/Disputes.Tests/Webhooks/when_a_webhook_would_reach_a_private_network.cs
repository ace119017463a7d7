using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Webhooks.Subscribing;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Webhooks;

/// <summary>
/// Outside Development and Testing (the fixture sets <c>AllowPrivateAddresses</c> and <c>AllowPlainHttp</c> to false, as
/// they default to in Production): a URL whose host is on a private network is refused at subscription time with a
/// clear problem, and a delivery whose host resolves to one at sending time is not sent. No request leaves loopback.
/// </summary>
public sealed class when_a_webhook_would_reach_a_private_network(PublicOnlyWebhookFixture fixture) : WebhookTest<PublicOnlyWebhookFixture>(fixture)
{
    [Theory]
    [InlineData("https://127.0.0.1/hooks", "loopback")]
    [InlineData("https://127.8.9.10:8443/hooks", "loopback")]
    [InlineData("https://localhost/hooks", "loopback")]
    [InlineData("https://[::1]/hooks", "loopback")]
    [InlineData("https://10.1.2.3/hooks", "private")]
    [InlineData("https://172.16.0.1/hooks", "private")]
    [InlineData("https://172.31.255.254/hooks", "private")]
    [InlineData("https://192.168.1.20/hooks", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("https://[fe80::1]/hooks", "link-local")]
    [InlineData("https://[fd12:3456::1]/hooks", "unique-local")]
    [InlineData("https://0.0.0.0/hooks", "unspecified")]
    [InlineData("https://[::]/hooks", "unspecified")]
    [InlineData("https://224.0.0.251/hooks", "multicast")]
    [InlineData("https://[ff02::1]/hooks", "multicast")]
    [InlineData("https://[::ffff:10.0.0.1]/hooks", "private")]
    [InlineData("https://100.64.0.1/hooks", "carrier-grade NAT")]
    public async Task a_url_on_a_private_network_is_refused_when_subscribing(string url, string what)
    {
        var response = await Integrator.PostJsonAsync("/api/webhooks/subscriptions",
            new JsonObject { ["url"] = url, ["eventTypes"] = new JsonArray("dispute.opened") });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("https://disputes.example/problems/destination-refused", problem["type"].Str());
        Assert.Equal(["url"], problem.ErrorFields());
        Assert.Contains(what, problem["errors"]!["url"]![0].Str());
        Assert.Contains(what, problem["detail"].Str());
        Assert.Empty((await (await Integrator.GetAsync("/api/webhooks/subscriptions")).BodyAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task plain_http_is_refused_outside_development()
    {
        var response = await Integrator.PostJsonAsync("/api/webhooks/subscriptions",
            new JsonObject { ["url"] = "http://hooks.example.com/disputes", ["eventTypes"] = new JsonArray("dispute.opened") });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("https", problem["errors"]!["url"]![0].Str());
    }

    [Fact]
    public async Task a_delivery_whose_host_resolves_to_a_private_address_is_not_sent()
    {
        // A subscription stored while its host was public, say, and pointing at loopback now (DNS rebinding): written
        // straight to the store, since the API refuses it.
        var subscription = new WebhookSubscription
        {
            Id = Guid.NewGuid(),
            Url = Receiver.Url,
            EventTypes = ["dispute.opened"],
            Secrets = [WebhookSecret.New(Clock.GetCurrentInstant())],
            State = WebhookSubscriptionState.Active,
            CreatedAt = Clock.GetCurrentInstant(),
            CreatedBy = "integrator:integrator-1",
            AfterSequence = 0,
        };
        await using (var session = Service.Store.LightweightSession())
        {
            session.Insert(subscription);
            await session.SaveChangesAsync();
        }

        await Client.RegisterAccountAsync();
        await Client.OpenDisputeAsync();

        var log = await DeliveriesUntilAsync(subscription.Id.ToString(), d => d.Count == 1 && d[0]["state"].Str() == "failed");
        Assert.Equal("destination_refused", Assert.Single(log[0]["attempts"]!.AsArray())!["outcome"].Str());
        Assert.Null(log[0]["attempts"]![0]!["statusCode"]);
        Assert.Empty(Receiver.Received);
    }
}
