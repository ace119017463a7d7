using System.Diagnostics;
using System.Globalization;
using System.Text;
using Disputes.Api.Webhooks.Delivering;
using Disputes.Api.Webhooks.Subscribing;
using Disputes.Bench.Infrastructure;
using Disputes.Bench.Scenarios;
using Disputes.Bench.Service;
using Disputes.Bench.Workload;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Disputes.Bench.Webhooks;

/// <summary>
/// The second half of <c>webhooks</c>: a burst of N events (N/2 disputes, each <c>dispute_opened</c> and
/// <c>hold_placed</c>, written as intake writes them, 500 disputes per transaction, no HTTP, by the
/// <see cref="BurstWriter"/>'s process) to one subscription of
/// both types; how long until the receiver has every one. Baseline: the same number of signed POSTs of the same size
/// sent straight to the same receiver by a plain <see cref="HttpClient"/> from as many workers as the service sends
/// with at once, with no outbox, log or retry: the HTTP part alone.
/// </summary>
public static class WebhookDeliveryRun
{
    public static async Task<WebhookDeliveryFigures> RunAsync(ScenarioContext context, ServiceHost service, HttpClient integrator, BenchReceiver receiver,
        NpgsqlDataSource dataSource, CancellationToken cancellation)
    {
        var events = context.Scale.WebhookEvents;
        var account = new BenchAccount("acct-burst", "Etc/UTC", 15);
        await BenchAccounts.RegisterAsync(service.Client, [account], cancellation);
        await WebhookSubscriptions.SubscribeAsync(integrator, receiver.BaseUrl + "/burst", ["dispute.opened", "hold.placed"], cancellation);
        var parallel = service.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Api.Webhooks.WebhookOptions>>().Value.ParallelDeliveries;
        var wait = TimeSpan.FromSeconds(Math.Max(60, events / 100.0));

        // Warm-up: a small burst through the same path, not counted.
        var warmup = Math.Max(100, events / 20) / 2 * 2;
        context.Progress.Line($"webhooks: delivery warm-up, {warmup} events");
        await receiver.ClearAsync(cancellation);
        await BurstWriter.WriteAsync(context.ConnectionString, account, warmup / 2, numberedAfter: 0, starting: () => { }, committed: (_, _) => { }, cancellation);
        await receiver.UntilAsync(warmup, wait, cancellation);
        await WebhookSubscriptions.WaitForQuietAsync(dataSource, TimeSpan.FromSeconds(60), cancellation);

        await receiver.ClearAsync(cancellation);
        context.Progress.Line($"webhooks: delivery burst of {events} events ({events / 2} disputes, {BurstWriter.DisputesPerTransaction} per transaction, from a process of its own)");
        await using var sampler = MemorySampler.Start();
        CpuMeter? meter = null;
        long started = 0, seededAt = 0;
        var committedAt = new Dictionary<Guid, long>();
        BenchReceiver.Counts counts;
        await using (context.Progress.Every("webhooks burst", () => $"{receiver.LastRead.Distinct} of {events} received"))
        {
            await BurstWriter.WriteAsync(context.ConnectionString, account, events / 2, numberedAfter: warmup / 2,
                starting: () =>
                {
                    meter = CpuMeter.Start();
                    started = Stopwatch.GetTimestamp();
                },
                committed: (at, batch) =>
                {
                    seededAt = at;
                    foreach (var id in batch)
                    {
                        committedAt[id] = at;
                    }
                }, cancellation);
            counts = await receiver.UntilAsync(events, wait, cancellation);
        }

        var cpu = meter!.Stop();
        var memory = await sampler.StopAsync();
        var received = counts.Distinct;
        var last = counts.LastArrival;
        var lag = LatencySummary.Of((await receiver.OpenedArrivalsAsync(cancellation)).Where(a => committedAt.ContainsKey(a.DisputeId))
            .Select(a => Stopwatch.GetElapsedTime(committedAt[a.DisputeId], a.At).TotalMilliseconds));
        var delivered = new WebhookDeliveryFigures.ServiceSide(received, events - received, counts.Repeats,
            Math.Round(Stopwatch.GetElapsedTime(started, seededAt).TotalSeconds, 2),
            Math.Round(Stopwatch.GetElapsedTime(started, last).TotalSeconds, 2),
            Math.Round(Math.Max(0, Stopwatch.GetElapsedTime(seededAt, last).TotalSeconds), 2),
            Math.Round(received / Stopwatch.GetElapsedTime(started, last).TotalSeconds, 1), lag, cpu, memory);

        await WebhookSubscriptions.WaitForQuietAsync(dataSource, TimeSpan.FromSeconds(60), cancellation);
        context.Progress.Line($"webhooks: baseline, {events} signed POSTs from {parallel} workers");
        var baseline = await BaselineAsync(receiver, events, parallel, wait, cancellation);
        return new WebhookDeliveryFigures(events, parallel, wait.TotalSeconds, delivered, baseline);
    }

    private static async Task<WebhookDeliveryFigures.BaselineSide> BaselineAsync(BenchReceiver receiver, int count, int workers, TimeSpan wait,
        CancellationToken cancellation)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, MaxConnectionsPerServer = workers })
        {
            BaseAddress = new Uri(receiver.BaseUrl),
        };
        var secrets = new[] { WebhookSecret.New(SystemClock.Instance.GetCurrentInstant()) };
        await receiver.ClearAsync(cancellation);
        var meter = CpuMeter.Start();
        var started = Stopwatch.GetTimestamp();
        var outcome = await ConcurrentRunner.RunCountAsync(workers, count, async ct =>
        {
            var id = $"msg_{Guid.NewGuid():N}";
            var body = Body(Guid.NewGuid());
            using var request = new HttpRequestMessage(HttpMethod.Post, "/baseline") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            var now = DateTimeOffset.UtcNow;
            request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, id);
            request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secrets, id, now, body));
            using var response = await client.SendAsync(request, ct);
        }, null, cancellation);
        var counts = await receiver.UntilAsync(count, wait, cancellation);
        var cpu = meter.Stop();
        var seconds = Stopwatch.GetElapsedTime(started, counts.LastArrival).TotalSeconds;
        return new WebhookDeliveryFigures.BaselineSide(counts.Distinct, Math.Round(seconds, 2), Math.Round(counts.Distinct / seconds, 1), outcome.Latency, cpu);
    }

    /// <summary>A body the size and shape of a <c>dispute.opened</c> payload.</summary>
    private static string Body(Guid dispute) => $$$"""
        {"type":"dispute.opened","timestamp":"2025-03-03T15:00:00Z","data":{"disputeId":"{{{dispute}}}","caseNumber":"DSP-2025-000042","accountId":"acct-burst","streamVersion":1,"billingError":"unauthorized","amount":127.43,"currency":"USD","transactionDate":"2025-02-10","noticeReceivedAt":"2025-03-03T15:00:00Z","receivedOn":"2025-03-03","fcbaProtected":true,"acknowledgmentDueOn":"2025-04-02","resolutionDueOn":"2025-05-15"}}
        """;
}

/// <summary>The delivery half of <c>webhooks</c>.</summary>
/// <param name="Events">Events in the burst.</param>
/// <param name="ParallelDeliveries">Deliveries the service sends at once (<c>Disputes:Webhooks:ParallelDeliveries</c>), and the baseline's workers.</param>
/// <param name="WaitSeconds">How long the burst was given to arrive.</param>
/// <param name="Service">The service's delivery of the burst.</param>
/// <param name="Baseline">The same number of signed POSTs sent straight.</param>
public sealed record WebhookDeliveryFigures(int Events, int ParallelDeliveries, double WaitSeconds, WebhookDeliveryFigures.ServiceSide Service,
    WebhookDeliveryFigures.BaselineSide Baseline)
{
    /// <summary>The service's side.</summary>
    /// <param name="Received">Distinct <c>webhook-id</c>s received.</param>
    /// <param name="Missing">Not received within the wait.</param>
    /// <param name="Repeats">Requests that repeated a <c>webhook-id</c>.</param>
    /// <param name="SeedSeconds">From the burst's start until its last transaction committed.</param>
    /// <param name="AllReceivedAfterSeconds">From the burst's start until the last event arrived.</param>
    /// <param name="AfterLastCommitSeconds">From the last commit until the last event arrived.</param>
    /// <param name="DeliveredPerSecond">Received / all received after.</param>
    /// <param name="LagMs">Per dispute, from its transaction's commit until its <c>dispute.opened</c> arrived.</param>
    /// <param name="Cpu">The service's process's CPU over the burst (the writer and the receiver run in processes of their own).</param>
    /// <param name="Memory">Peak memory of the service's process over the burst.</param>
    public sealed record ServiceSide(int Received, int Missing, long Repeats, double SeedSeconds, double AllReceivedAfterSeconds, double AfterLastCommitSeconds,
        double DeliveredPerSecond, LatencySummary LagMs, CpuFigures Cpu, MemoryFigures Memory);

    /// <summary>The baseline's side.</summary>
    /// <param name="Received">Distinct ids received.</param>
    /// <param name="AllReceivedAfterSeconds">From the first request until the last arrived.</param>
    /// <param name="DeliveredPerSecond">Received / all received after.</param>
    /// <param name="RequestLatencyMs">Each POST's round trip.</param>
    /// <param name="Cpu">This process's CPU over the baseline: the plain client's (the receiver runs in its own).</param>
    public sealed record BaselineSide(int Received, double AllReceivedAfterSeconds, double DeliveredPerSecond, LatencySummary RequestLatencyMs, CpuFigures Cpu);
}
