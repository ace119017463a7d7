using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Disputes.Bench.Infrastructure;

namespace Disputes.Bench.Workload;

/// <summary>Concurrent clients opening disputes through <c>POST /api/disputes</c> for a fixed time.</summary>
public sealed class IntakeLoad(HttpClient client, IntakeRequests requests)
{
    private long _opened;
    private long _errors;
    private readonly ConcurrentDictionary<string, int> _errorKinds = new(StringComparer.Ordinal);

    /// <summary>Disputes opened (201) so far, over every run.</summary>
    public long Opened => Interlocked.Read(ref _opened);

    /// <summary>Requests that did not answer 201 so far.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Called with each dispute answered 201, as the answer arrives.</summary>
    public Action<Guid>? OnOpened { get; init; }

    /// <summary>Up to a few distinct error kinds seen (status and start of the body, or exception type).</summary>
    public IReadOnlyDictionary<string, int> ErrorKinds => _errorKinds;

    /// <summary>
    /// Runs <paramref name="clients"/> clients for <paramref name="duration"/>, each request after the previous answer;
    /// each latency also goes to <paramref name="alsoInto"/>, when given, to summarize several runs together.
    /// </summary>
    public async Task<LoadOutcome> RunAsync(int clients, TimeSpan duration, CancellationToken cancellation, LatencyRecorder? alsoInto = null)
    {
        var latencies = new LatencyRecorder();
        var openedBefore = Opened;
        var errorsBefore = Errors;
        var clock = Stopwatch.StartNew();
        var until = clock.Elapsed + duration;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var mine = latencies.ForTask();
            var shared = alsoInto?.ForTask();
            while (clock.Elapsed < until && !cancellation.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await OpenOneAsync(requests.Next(), cancellation);
                if (ok)
                {
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    mine.Add(elapsed);
                    shared?.Add(elapsed);
                }
            }
        }, cancellation)));
        return new LoadOutcome(Opened - openedBefore, Errors - errorsBefore, clock.Elapsed, latencies.Summary());
    }

    /// <summary>
    /// Sends intakes at a fixed <paramref name="perSecond"/> for <paramref name="duration"/>, each when its turn comes
    /// whether or not earlier ones have answered (at most <paramref name="clients"/> at once); a latency is counted from
    /// the request's turn, so a request that had to wait for a free client counts its wait too.
    /// </summary>
    public async Task<LoadOutcome> RunPacedAsync(double perSecond, int clients, TimeSpan duration, CancellationToken cancellation,
        LatencyRecorder? alsoInto = null)
    {
        var latencies = new List<double>();
        var shared = alsoInto?.ForTask();
        var openedBefore = Opened;
        var errorsBefore = Errors;
        using var free = new SemaphoreSlim(clients);
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0L; ; i++)
        {
            var turn = TimeSpan.FromSeconds(i / perSecond);
            if (turn >= duration || cancellation.IsCancellationRequested)
            {
                break;
            }

            if (turn > clock.Elapsed)
            {
                await Task.Delay(turn - clock.Elapsed, cancellation);
            }

            await free.WaitAsync(cancellation);
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    if (await OpenOneAsync(requests.Next(), cancellation))
                    {
                        var elapsed = (clock.Elapsed - turn).TotalMilliseconds;
                        lock (latencies)
                        {
                            latencies.Add(elapsed);
                            shared?.Add(elapsed);
                        }
                    }
                }
                finally
                {
                    free.Release();
                }
            }, cancellation));
        }

        await Task.WhenAll(pending);
        return new LoadOutcome(Opened - openedBefore, Errors - errorsBefore, clock.Elapsed, LatencySummary.Of(latencies));
    }

    /// <summary>Sends one intake; true when it answered 201.</summary>
    public async Task<bool> OpenOneAsync(IntakeRequests.Intake intake, CancellationToken cancellation)
    {
        try
        {
            using var content = intake.ToContent();
            using var response = await client.PostAsync("/api/disputes", content, cancellation);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Interlocked.Increment(ref _opened);
                OnOpened?.Invoke(intake.DisputeId);
                return true;
            }

            var body = await response.Content.ReadAsStringAsync(cancellation);
            Fail($"{(int)response.StatusCode} {body[..Math.Min(body.Length, 160)]}");
        }
        catch (HttpRequestException e)
        {
            Fail($"{e.GetType().Name}: {e.Message}");
        }
        catch (TaskCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            Fail($"timeout: {e.Message}");
        }

        return false;
    }

    private void Fail(string kind)
    {
        Interlocked.Increment(ref _errors);
        if (_errorKinds.Count < 5 || _errorKinds.ContainsKey(kind))
        {
            _errorKinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }
    }
}

/// <summary>What one run of the load did.</summary>
/// <param name="Opened">Disputes opened (201).</param>
/// <param name="Errors">Requests answered otherwise, or failed.</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="Latency">Latency of the successful requests.</param>
public sealed record LoadOutcome(long Opened, long Errors, TimeSpan Elapsed, LatencySummary Latency)
{
    public double PerSecond => Opened / Elapsed.TotalSeconds;
}
