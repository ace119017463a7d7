using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Identity;
using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Webhooks;

/// <summary>
/// The service on a database of its own, with retries seconds apart instead of hours (so an outage of a few seconds
/// exercises the whole retry path) and a receiver on loopback, which the Testing environment allows.
/// </summary>
public class WebhookFixture : IAsyncLifetime
{
    private DisputesHost? host;

    public DisputesHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Settings beyond the test host's own.</summary>
    protected virtual IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"disputes_{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?>
        {
            ["Disputes:Webhooks:Timeout"] = "00:00:03",
        };
        var delays = new[] { "00:00:00.2", "00:00:00.4", "00:00:00.8", "00:00:01", "00:00:01", "00:00:01", "00:00:01", "00:00:01", "00:00:01", "00:00:01", "00:00:01", "00:00:01" };
        for (var i = 0; i < delays.Length; i++)
        {
            settings[$"Disputes:Webhooks:RetryDelays:{i}"] = delays[i];
        }

        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        host = await DisputesHost.StartAsync(connectionString, settings: settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

/// <summary>The service as it runs outside Development: private addresses and plain http refused.</summary>
public sealed class PublicOnlyWebhookFixture : WebhookFixture
{
    protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Disputes:Webhooks:AllowPrivateAddresses"] = "false",
        ["Disputes:Webhooks:AllowPlainHttp"] = "false",
    };
}

/// <summary>Base of the webhook tests: the class's host, emptied before each test, a receiver per test, and an integrator.</summary>
public abstract class WebhookTest<TFixture>(TFixture fixture) : IClassFixture<TFixture>, IAsyncLifetime where TFixture : WebhookFixture
{
    protected DisputesHost Service => fixture.Host;

    /// <summary>An agent.</summary>
    protected HttpClient Client => fixture.Host.Client;

    protected HttpClient Supervisor => fixture.Host.Supervisor;

    /// <summary>An integrator, who manages subscriptions.</summary>
    protected HttpClient Integrator { get; private set; } = null!;

    protected TestClock Clock => fixture.Host.Clock;

    protected WebhookReceiver Receiver { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        await Service.ResetAsync();
        Clock.SetNow("2025-03-03T15:00:00Z");
        Integrator = Service.ClientAs(Roles.Integrator, "integrator-1");
        Receiver = await WebhookReceiver.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Integrator.Dispose();
        await Receiver.DisposeAsync();
    }

    /// <summary>Subscribes the receiver to <paramref name="eventTypes"/>; returns the subscription's id and its secret.</summary>
    protected Task<(string Id, string Secret)> SubscribeAsync(params string[] eventTypes) => SubscribeAtAsync(Receiver.Url, eventTypes);

    /// <summary>Subscribes <paramref name="url"/> to <paramref name="eventTypes"/>; returns the subscription's id and its secret.</summary>
    protected async Task<(string Id, string Secret)> SubscribeAtAsync(string url, params string[] eventTypes)
    {
        var request = new JsonObject { ["url"] = url, ["eventTypes"] = new JsonArray(eventTypes.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()) };
        var response = await Integrator.PostJsonAsync("/api/webhooks/subscriptions", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{request.ToJsonString()}: {body}");
        var created = JsonNode.Parse(body)!.AsObject();
        return (created["subscription"]!["id"].Str(), created["secret"].Str());
    }

    /// <summary>The subscription's delivery log, newest first.</summary>
    protected async Task<IReadOnlyList<JsonObject>> DeliveriesAsync(string subscriptionId)
    {
        var response = await Integrator.GetAsync($"/api/webhooks/subscriptions/{subscriptionId}/deliveries?pageSize=500");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.BodyAsync())["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    /// <summary>Polls the delivery log until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    protected async Task<IReadOnlyList<JsonObject>> DeliveriesUntilAsync(string subscriptionId, Func<IReadOnlyList<JsonObject>, bool> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var deliveries = await DeliveriesAsync(subscriptionId);
            if (condition(deliveries))
            {
                return deliveries;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited {seconds} s on the delivery log: {new JsonArray([.. deliveries.Select(d => d.DeepClone())]).ToJsonString()}");
            }

            await Task.Delay(100);
        }
    }
}
