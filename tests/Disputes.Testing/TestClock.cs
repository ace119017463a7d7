using NodaTime;

namespace Disputes.Testing;

/// <summary>
/// A clock set to any instant that then moves on with real time. Wolverine's scheduler runs on real time;
/// the service schedules timers by delay from its injected clock, so a timer set for this clock's breach
/// instant fires when this clock reaches it.
/// </summary>
public sealed class TestClock : IClock
{
    private Duration offset;
    private Instant? frozen;

    public Instant GetCurrentInstant() => frozen ?? SystemClock.Instance.GetCurrentInstant() + offset;

    /// <summary>Makes "now" <paramref name="now"/>; the clock runs on from there.</summary>
    public void SetNow(Instant now)
    {
        frozen = null;
        offset = now - SystemClock.Instance.GetCurrentInstant();
    }

    /// <summary>
    /// Stops the clock at <paramref name="isoInstant"/> until <see cref="SetNow(Instant)"/> sets it running again, for a
    /// test that needs two requests to happen at the same instant. Timers are not delayed by it.
    /// </summary>
    public void Freeze(string isoInstant)
    {
        SetNow(isoInstant);
        frozen = NodaTime.Text.InstantPattern.ExtendedIso.Parse(isoInstant).Value;
    }

    /// <summary>Makes "now" <paramref name="isoInstant"/>, e.g. <c>2025-03-03T15:00:00Z</c>.</summary>
    public void SetNow(string isoInstant) => SetNow(NodaTime.Text.InstantPattern.ExtendedIso.Parse(isoInstant).Value);
}
