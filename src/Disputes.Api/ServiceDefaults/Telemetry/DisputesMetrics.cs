using System.Diagnostics.Metrics;

namespace Disputes.Api.ServiceDefaults.Telemetry;

/// <summary>
/// The service's own metrics (meter <c>Disputes</c>), next to the ones ASP.NET Core, Wolverine, Marten and
/// Npgsql publish: what a compliance operator watches.
/// </summary>
public sealed class DisputesMetrics : IDisposable
{
    /// <summary>The meter's name, for exporters.</summary>
    public const string MeterName = "Disputes";

    private readonly Meter meter;

    public DisputesMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        DisputesOpened = meter.CreateCounter<long>("disputes.opened", "{dispute}", "Disputes opened through intake.");
        Breaches = meter.CreateCounter<long>("disputes.deadline_breaches", "{breach}", "Compliance clocks that breached, by clock.");
        TimerLateness = meter.CreateHistogram<double>("disputes.breach_recording_lateness", "s",
            "How long after a clock's breach instant its breach was recorded.");
    }

    /// <summary>Disputes opened through intake.</summary>
    public Counter<long> DisputesOpened { get; }

    /// <summary>Breaches recorded, tagged with the clock.</summary>
    public Counter<long> Breaches { get; }

    /// <summary>Seconds between a breach instant and the commit that recorded it.</summary>
    public Histogram<double> TimerLateness { get; }

    /// <summary>Observes the open clocks by clock and status, read from <paramref name="read"/> on each collection.</summary>
    public void ObserveOpenClocks(Func<IEnumerable<Measurement<long>>> read) =>
        meter.CreateObservableGauge("disputes.clocks", read, "{clock}", "Compliance clocks by clock and status.");

    /// <summary>Publishes how far each asynchronous projection trails the event log, by projection.</summary>
    /// <param name="eventsBehind">Events not yet applied, per projection.</param>
    /// <param name="secondsBehind">Age of the oldest event not yet applied, per projection, in seconds.</param>
    public void ObserveProjectionLag(Func<IEnumerable<Measurement<long>>> eventsBehind, Func<IEnumerable<Measurement<double>>> secondsBehind)
    {
        meter.CreateObservableGauge("disputes.projection.events_behind", eventsBehind, "{event}",
            "Events an asynchronous projection has not applied yet.");
        meter.CreateObservableGauge("disputes.projection.lag", secondsBehind, "s",
            "How long the oldest event an asynchronous projection has not applied yet has been waiting.");
    }

    public void Dispose() => meter.Dispose();
}
