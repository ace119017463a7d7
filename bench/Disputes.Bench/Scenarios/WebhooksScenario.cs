using System.Globalization;
using Disputes.Bench.Service;
using Disputes.Bench.Webhooks;
using Npgsql;

namespace Disputes.Bench.Scenarios;

/// <summary>
/// <c>webhooks</c>: (1) intake over HTTP with three webhook subscriptions against none, in alternating rounds of the
/// same run (<see cref="WebhookIntakeRun"/>); (2) a burst of N events delivered to a loopback receiver, how long until
/// all arrived, against the same POSTs sent straight (<see cref="WebhookDeliveryRun"/>).
/// </summary>
public sealed class WebhooksScenario : IScenario
{
    public string Name => "webhooks";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellation)
    {
        await using var dataSource = NpgsqlDataSource.Create(context.ConnectionString);
        await using var receiver = await BenchReceiver.StartAsync(cancellation);
        await using var service = await ServiceHost.StartAsync(context.ConnectionString, context.Clients, cancellation: cancellation);
        using var integrator = await service.ClientAsAsync("integrator", "bench-integrator", cancellation);
        context.Progress.Line($"webhooks: service on {service.Address}, receiver on {receiver.BaseUrl}");

        var intake = await WebhookIntakeRun.RunAsync(context, service, integrator, receiver, dataSource, cancellation);
        var delivery = await WebhookDeliveryRun.RunAsync(context, service, integrator, receiver, dataSource, cancellation);

        var s = delivery.Service;
        var b = delivery.Baseline;
        var rows = new List<ResultRow>();
        foreach (var (label, c) in new[] { ($"{intake.Clients} clients", intake.Saturated), ($"{intake.PacedPerSecond:0}/s", intake.Paced) })
        {
            rows.Add(ResultRow.Compare($"intake at {label}: disputes/s, 3 subscriptions vs none", c.With.DisputesPerSecond, c.Without.DisputesPerSecond, "N1"));
            rows.Add(ResultRow.Compare($"intake at {label}: latency p50 ms", c.With.LatencyMs.P50, c.Without.LatencyMs.P50, "N1"));
            rows.Add(ResultRow.Compare($"intake at {label}: latency p95 ms", c.With.LatencyMs.P95, c.Without.LatencyMs.P95, "N1"));
            rows.Add(ResultRow.Compare($"intake at {label}: latency p99 ms", c.With.LatencyMs.P99, c.Without.LatencyMs.P99, "N1"));
            rows.Add(ResultRow.Compare($"intake at {label}: process CPU ms per dispute", c.With.CpuMsPerDispute, c.Without.CpuMsPerDispute, "N2"));
            rows.Add(new($"intake at {label}: disputes / errors", $"{c.With.Disputes} / {c.With.Errors}", $"{c.Without.Disputes} / {c.Without.Errors}"));
            rows.Add(new($"intake at {label}: webhooks received / missing", $"{c.Deliveries - c.Missing} / {c.Missing}"));
            rows.Add(new($"intake at {label}: 201 -> dispute.opened received p50 / p99 ms", $"{Text(c.WebhookLagMs.P50)} / {Text(c.WebhookLagMs.P99)}"));
            rows.Add(new($"intake at {label}: backlog after each round, s", string.Join(" / ", c.DrainSeconds.Select(Text))));
        }

        rows.AddRange(
        [
            new($"{delivery.Events} events: all received after s", Text(s.AllReceivedAfterSeconds), Text(b.AllReceivedAfterSeconds),
                b.AllReceivedAfterSeconds > 0 ? (s.AllReceivedAfterSeconds / b.AllReceivedAfterSeconds).ToString("0.00", CultureInfo.InvariantCulture) : ""),
            ResultRow.Compare("webhooks delivered/s", s.DeliveredPerSecond, b.DeliveredPerSecond, "N0"),
            new("received / missing / repeated webhook-id", $"{s.Received} / {s.Missing} / {s.Repeats}", $"{b.Received} / {delivery.Events - b.Received} / 0"),
            new("burst committed after s; last received after the last commit s", $"{Text(s.SeedSeconds)}; {Text(s.AfterLastCommitSeconds)}"),
            new("commit -> dispute.opened received p50 / p99 ms", $"{Text(s.LagMs.P50)} / {Text(s.LagMs.P99)}"),
            ResultRow.Compare("process CPU ms per webhook", s.Cpu.ProcessCpuSeconds * 1000 / Math.Max(1, s.Received), b.Cpu.ProcessCpuSeconds * 1000 / Math.Max(1, b.Received), "N2"),
            ResultRow.Single("peak working set MiB (burst)", s.Memory.PeakWorkingSetMb),
            ResultRow.Single("peak GC committed MiB (burst)", s.Memory.PeakGcCommittedMb),
        ]);
        var notes = new List<string>
        {
            $"Intake: after one warm-up, {WebhookIntakeRun.RoundsPerSide * 2} alternating rounds of {intake.RoundSeconds:0.#} s (none, three, none, three) under each load; 'baseline' is intake with no subscription, measured in the same run. First {intake.Clients} concurrent HTTP/1.1 clients on loopback each sending its next intake when the last answered, as in `intake` (the machine saturated); then {intake.PacedPerSecond:0} intakes a second sent on schedule whatever the answers (at most {intake.Clients} at once), each latency counted from its scheduled time.",
            $"A round with subscriptions has three (processor, collections, bureau), each to every event type of the catalogue: each dispute opened sends {WebhookIntakeRun.EventsPerDispute * WebhookIntakeRun.Receivers.Length} webhooks (dispute.opened and hold.placed to each). After the round every one must arrive (the backlog row), then the subscriptions are deleted and the next round starts once no webhook work is left; that wait is not measured.",
            "The receiver (Kestrel on loopback), the intake clients and the burst's writer run in processes of their own, so process CPU and memory are the service's; the receiver answers 200 at once and counts webhook-ids.",
            $"Burst: {delivery.Events} events ({delivery.Events / 2} disputes opened with their holds, written through the service's Marten store as intake writes them, 500 disputes per transaction, no HTTP, from a process of its own) to one subscription of dispute.opened and hold.placed; each dispute's two webhooks go in order, the second after the first's answer. Timed from the burst's first transaction to the last webhook received; given {delivery.WaitSeconds:0} s.",
            $"Burst baseline: the same number of POSTs of a dispute.opened-sized body, signed by the service's own WebhookSignature, sent straight to the same receiver by a plain HttpClient from {delivery.ParallelDeliveries} workers (the service's Disputes:Webhooks:ParallelDeliveries): the HTTP part without the outbox, the delivery log, ordering or retries.",
        };
        notes.AddRange(intake.ErrorKinds.Select(e => $"intake error seen {e.Value}x: {e.Key}"));
        return new ScenarioResult(rows, new WebhooksFigures(intake, delivery), notes);
    }

    private static string Text(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
}

/// <summary>The figures of <c>webhooks</c>.</summary>
public sealed record WebhooksFigures(WebhookIntakeFigures Intake, WebhookDeliveryFigures Delivery);
