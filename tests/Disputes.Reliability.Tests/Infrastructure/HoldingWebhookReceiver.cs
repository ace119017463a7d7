using System.Collections.Concurrent;
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

namespace Disputes.Reliability.Tests.Infrastructure;

/// <summary>One request the receiver took in: what it would process, before it answered.</summary>
/// <param name="WebhookId">Its <c>webhook-id</c>.</param>
/// <param name="Timestamp">Its <c>webhook-timestamp</c>.</param>
/// <param name="Signature">Its <c>webhook-signature</c>.</param>
/// <param name="Body">Its body, as sent.</param>
public sealed record TakenWebhook(string WebhookId, string Timestamp, string Signature, string Body)
{
    /// <summary>The payload's <c>data</c>.</summary>
    public JsonObject Data => JsonNode.Parse(Body)!["data"]!.AsObject();

    /// <summary>The payload's <c>type</c>.</summary>
    public string Type => JsonNode.Parse(Body)!["type"]!.GetValue<string>();

    /// <summary>
    /// Whether a signature is valid for <paramref name="secret"/> by the Standard Webhooks algorithm, written out here
    /// independently of the service: HMAC-SHA256 keyed with the base64 after <c>whsec_</c> over
    /// <c>{id}.{timestamp}.{body}</c>, compared with each <c>v1,</c> signature in constant time.
    /// </summary>
    public bool SignedWith(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{WebhookId}.{Timestamp}.{Body}"))));
        return Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), expected));
    }
}

/// <summary>
/// A real webhook receiver on a loopback port (Kestrel in the test process) that takes every request in, as a receiver
/// that processes a webhook before it answers would, and can hold its answers back: while <see cref="Holding"/>, each
/// request it took in waits unanswered, so the service's attempt stays in flight.
/// </summary>
public sealed class HoldingWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<TakenWebhook> taken = new();
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int waiting;
    private int answered;

    private HoldingWebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>The URL to subscribe with, <c>http://127.0.0.1:{port}/hooks</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Every request taken in, in arrival order, repeats included.</summary>
    public IReadOnlyList<TakenWebhook> Taken => taken.ToArray();

    /// <summary>Requests taken in and not answered yet.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Requests answered 200 (not those whose sender went away while held).</summary>
    public int Answered => Volatile.Read(ref answered);

    /// <summary>Whether answers are held back.</summary>
    public bool Holding => !release.Task.IsCompleted;

    /// <summary>Starts a receiver that holds its answers until <see cref="Release"/>.</summary>
    public static async Task<HoldingWebhookReceiver> StartHoldingAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new HoldingWebhookReceiver(app);
        app.MapPost("/hooks", receiver.TakeAsync);
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/hooks";
        return receiver;
    }

    /// <summary>Answers every held request, and every later one at once.</summary>
    public void Release() => release.TrySetResult();

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public async Task UntilAsync(Func<HoldingWebhookReceiver, bool> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what()}");
            }

            await Task.Delay(50);
        }
    }

    private async Task TakeAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = http.Request.Headers;
        taken.Enqueue(new TakenWebhook(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), body));
        Interlocked.Increment(ref waiting);
        try
        {
            await release.Task.WaitAsync(http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The sender went away (killed) while its answer was held: there is no one to answer.
            return;
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        Interlocked.Increment(ref answered);
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
