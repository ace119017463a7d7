using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Disputes.Bench.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Disputes.Bench.Webhooks;

/// <summary>
/// A webhook receiver on a loopback port, in a process of its own (<c>Disputes.Bench webhook-receiver</c>) as a downstream
/// system is, so its Kestrel, its parsing and its memory never count against the service's process. It answers 200 at
/// once and records when each <c>webhook-id</c> first arrived, how many requests repeated one, and when each dispute's
/// <c>dispute.opened</c> arrived at each path; this side asks it over HTTP (<c>/_received</c>).
/// </summary>
public sealed class BenchReceiver : IAsyncDisposable
{
    /// <summary>The command word that runs this process as the receiver.</summary>
    public const string Command = "webhook-receiver";

    private const string ListeningPrefix = "listening ";
    private const string Received = "/_received";
    private const string Opened = "/_received/opened";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Process _process;
    private readonly HttpClient _control;

    private BenchReceiver(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _control = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(baseUrl) };
    }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The counts as last read by <see cref="CountsAsync"/>.</summary>
    public Counts LastRead { get; private set; } = new(0, 0, 0);

    /// <summary>What the receiver has received since it was last cleared.</summary>
    /// <param name="Requests">Requests received, repeats included.</param>
    /// <param name="Distinct">Distinct <c>webhook-id</c>s received.</param>
    /// <param name="LastArrival">
    /// The <see cref="Stopwatch"/> timestamp, in the receiver's process, of the latest first arrival; on Linux that is the
    /// system's monotonic clock, the same in every process of the machine. 0 before any.
    /// </param>
    public sealed record Counts(long Requests, int Distinct, long LastArrival)
    {
        /// <summary>Requests that repeated a <c>webhook-id</c> already received.</summary>
        public long Repeats => Requests - Distinct;
    }

    /// <summary>When a dispute's <c>dispute.opened</c> first arrived at a path.</summary>
    /// <param name="Path">The path it was posted to.</param>
    /// <param name="DisputeId">The dispute.</param>
    /// <param name="At">Stopwatch timestamp of its arrival, as <see cref="Counts.LastArrival"/>.</param>
    public sealed record OpenedArrival(string Path, Guid DisputeId, long At);

    /// <summary>Starts the receiver's process and waits until it listens.</summary>
    public static async Task<BenchReceiver> StartAsync(CancellationToken cancellation)
    {
        var start = BenchProcess.StartInfo([Command]);
        start.RedirectStandardInput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The webhook receiver's process did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellation);
        while (await process.StandardOutput.ReadLineAsync(cancellation) is { } line)
        {
            if (line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            {
                return new BenchReceiver(process, line[ListeningPrefix.Length..]);
            }
        }

        await process.WaitForExitAsync(cancellation);
        throw new InvalidOperationException($"The webhook receiver's process ended ({process.ExitCode}) before it listened: {await errors}");
    }

    /// <summary>Forgets everything received.</summary>
    public async Task ClearAsync(CancellationToken cancellation)
    {
        using var response = await _control.DeleteAsync(Received, cancellation);
        response.EnsureSuccessStatusCode();
        LastRead = new Counts(0, 0, 0);
    }

    /// <summary>Reads the counts (and keeps them in <see cref="LastRead"/>).</summary>
    public async Task<Counts> CountsAsync(CancellationToken cancellation) =>
        LastRead = await _control.GetFromJsonAsync<Counts>(Received, Json, cancellation)
            ?? throw new InvalidOperationException("The webhook receiver answered no counts.");

    /// <summary>Every dispute's first <c>dispute.opened</c> arrival at each path since the receiver was last cleared.</summary>
    public async Task<IReadOnlyList<OpenedArrival>> OpenedArrivalsAsync(CancellationToken cancellation) =>
        await _control.GetFromJsonAsync<OpenedArrival[]>(Opened, Json, cancellation)
            ?? throw new InvalidOperationException("The webhook receiver answered no arrivals.");

    /// <summary>Polls the counts every 20 ms until <paramref name="distinct"/> ids have arrived or <paramref name="wait"/> is over.</summary>
    public async Task<Counts> UntilAsync(int distinct, TimeSpan wait, CancellationToken cancellation)
    {
        var until = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        var counts = await CountsAsync(cancellation);
        while (counts.Distinct < distinct && Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(20, cancellation);
            counts = await CountsAsync(cancellation);
        }

        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await BenchProcess.EndAsync(_process);
    }

    /// <summary>The receiver's process: listens on a loopback port, prints it, and stops when its standard input closes.</summary>
    public static async Task<int> MainAsync(CancellationToken cancellation)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        var inbox = new Inbox();
        app.MapGet(Received, () => inbox.Counts());
        app.MapGet(Opened, () => inbox.Opened());
        app.MapDelete(Received, inbox.Clear);
        app.MapPost("/{**path}", inbox.TakeAsync);
        await app.StartAsync(cancellation);
        Console.WriteLine(ListeningPrefix + app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        while (await Console.In.ReadLineAsync(cancellation) is not null)
        {
            // Nothing is read from standard input; its end stops the receiver.
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    /// <summary>What the receiver's process holds.</summary>
    private sealed class Inbox
    {
        private readonly ConcurrentDictionary<string, long> _firstArrival = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(string Path, Guid Dispute), long> _openedArrival = new();
        private long _requests;
        private long _lastArrival;

        public Counts Counts() => new(Interlocked.Read(ref _requests), _firstArrival.Count, Interlocked.Read(ref _lastArrival));

        public OpenedArrival[] Opened() => [.. _openedArrival.Select(a => new OpenedArrival(a.Key.Path, a.Key.Dispute, a.Value))];

        public void Clear()
        {
            _firstArrival.Clear();
            _openedArrival.Clear();
            Interlocked.Exchange(ref _requests, 0);
            Interlocked.Exchange(ref _lastArrival, 0);
        }

        public async Task TakeAsync(HttpContext http)
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
    }
}
