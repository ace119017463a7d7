using NodaTime;

namespace Disputes.Bench.Service;

/// <summary>
/// The service's clock moved by an offset from real time, so that a breach instant of the service's calendar
/// falls a chosen number of seconds from now in real time. Unlike the service's own configured ShiftedClock,
/// the offset can be set while the service runs.
/// </summary>
public sealed class AdjustableClock : IClock
{
    private long _offsetTicks;

    public Duration Offset => Duration.FromTicks(Interlocked.Read(ref _offsetTicks));

    public Instant GetCurrentInstant() => SystemClock.Instance.GetCurrentInstant() + Offset;

    /// <summary>Makes the service instant <paramref name="serviceInstant"/> happen at real instant <paramref name="realInstant"/>.</summary>
    public void Align(Instant serviceInstant, Instant realInstant) =>
        Interlocked.Exchange(ref _offsetTicks, (serviceInstant - realInstant).BclCompatibleTicks);
}
