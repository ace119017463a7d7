using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Disputes.Bench.Webhooks;

/// <summary>
/// A webhook receiver on a loopback port (Kestrel, in this process like the load clients): answers 200 at once, and
/// records when each <c>webhook-id</c> first arrived, how many requests repeated one, and when each dispute's
/// <c>dispute.opened</c> arrived at each path.
/// </summary>
public sealed class BenchReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _firstArrival = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, Guid Dispute), long> _openedArrival = new();
    private long _requests;
    private long _lastArrival;

    private BenchReceiver(WebApplication app) => _app = app;

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Requests received, repeats included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Distinct <c>webhook-id</c>s received.</summary>
    public int Distinct => _firstArrival.Count;

    /// <summary>Requests that repeated a <c>webhook-id</c> already received.</summary>
    public long Repeats => Requests - Distinct;

    /// <summary>The <see cref="Stopwatch"/> timestamp of the latest first arrival.</summary>
    public long LastArrival => Interlocked.Read(ref _lastArrival);

    /// <summary>When each dispute's <c>dispute.opened</c> first arrived at each path (Stopwatch timestamps).</summary>
    public IReadOnlyDictionary<(string Path, Guid Dispute), long> OpenedArrivals => _openedArrival;

    /// <summary>Forgets everything received.</summary>
    public void Clear()
    {
        _firstArrival.Clear();
        _openedArrival.Clear();
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _lastArrival, 0);
    }

    public static async Task<BenchReceiver> StartAsync(CancellationToken cancellation)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new BenchReceiver(app);
        app.MapPost("/{**path}", receiver.TakeAsync);
        await app.StartAsync(cancellation);
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    private async Task TakeAsync(HttpContext http)
    {
        var at = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _requests);
        var id = http.Request.Headers["webhook-id"].ToString();
        if (_firstArrival.TryAdd(id, at))
        {
            InterlockedMax(ref _lastArrival, at);
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var root = body.RootElement;
            if (root.GetProperty("type").ValueEquals("dispute.opened"))
            {
                _openedArrival.TryAdd((http.Request.Path.Value ?? "", root.GetProperty("data").GetProperty("disputeId").GetGuid()), at);
            }
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Interlocked.Read(ref target); value > current; current = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
