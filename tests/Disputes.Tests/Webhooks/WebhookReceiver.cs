using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Disputes.Tests.Webhooks;

/// <summary>One request the receiver got.</summary>
/// <param name="WebhookId">Its <c>webhook-id</c>.</param>
/// <param name="Timestamp">Its <c>webhook-timestamp</c>.</param>
/// <param name="Signature">Its <c>webhook-signature</c>.</param>
/// <param name="Body">Its body, as sent.</param>
/// <param name="AnsweredWith">The status the receiver answered.</param>
/// <param name="Path">The path it was posted to.</param>
public sealed record ReceivedWebhook(string WebhookId, string Timestamp, string Signature, string Body, int AnsweredWith, string Path)
{
    /// <summary>The body, parsed.</summary>
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>The payload's <c>type</c>.</summary>
    public string Type => Json["type"]!.GetValue<string>();

    /// <summary>The payload's <c>data</c>.</summary>
    public JsonObject Data => Json["data"]!.AsObject();

    /// <summary>
    /// Whether one of the signatures is valid for <paramref name="secret"/>, by the Standard Webhooks algorithm written out
    /// here, independently of the service: HMAC-SHA256 keyed with the base64-decoded secret (after <c>whsec_</c>) over
    /// <c>{id}.{timestamp}.{body}</c>, base64, compared with each space-separated <c>v1,</c> signature in constant time.
    /// </summary>
    public bool SignedWith(string secret)
    {
        Assert.StartsWith("whsec_", secret);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{WebhookId}.{Timestamp}.{Body}")));
        return Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
    }

    /// <summary>Whether the timestamp is within five minutes of now (the specification's suggested tolerance).</summary>
    public bool Fresh => Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture)) <= 300;
}

/// <summary>
/// A real HTTP receiver on a loopback port of its own (Kestrel on 127.0.0.1, port chosen by the system), started by a
/// test: it records every request and answers what <see cref="Answer"/> says (200 unless told otherwise).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>The status to answer a request with; 200 by default.</summary>
    public Func<ReceivedWebhook, int> Answer { get; set; } = _ => 200;

    /// <summary>The receiver's base URL, <c>http://127.0.0.1:{port}</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The URL to subscribe with.</summary>
    public string Url => BaseUrl + "/hooks/disputes";

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => received.ToArray();

    /// <summary>The requests answered 2xx, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => Received.Where(r => r.AnsweredWith is >= 200 and < 300).ToList();

    /// <summary>Starts a receiver.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = http.Request.Headers;
            var request = new ReceivedWebhook(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(),
                headers["webhook-signature"].ToString(), body, 0, http.Request.Path);
            var status = receiver.Answer(request);
            receiver.received.Enqueue(request with { AnsweredWith = status });
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    /// <summary>
    /// Polls until <paramref name="condition"/> holds of what was received, failing after <paramref name="seconds"/>: as
    /// long as the daily-totals tests wait, since after the storage is emptied the daemon may take a while to hand the
    /// dispatch out again on a loaded machine.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> UntilAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, int seconds = 60, string? what = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var now = Received;
            if (condition(now))
            {
                return now;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited {seconds} s for {what ?? "the webhooks"}; received {now.Count}: "
                    + string.Join(", ", now.Select(r => $"{r.AnsweredWith} {r.Type} v{r.Data["streamVersion"]}")));
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
