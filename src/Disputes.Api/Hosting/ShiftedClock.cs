using NodaTime;

namespace Disputes.Api.Hosting;

/// <summary>
/// The system clock shifted by a fixed offset, set with <c>Disputes:Clock:OffsetFromSystem</c> (a TimeSpan such
/// as <c>-600.00:00:00</c>). A test and demo aid only: it lets a service running as a separate process live at a
/// chosen moment (e.g. a few seconds before a deadline breaches) while time still runs at normal speed, which an
/// in-process test gets from a test clock instead. Production leaves it unset and runs on the system clock.
/// </summary>
/// <remarks>
/// Only the business clock (<see cref="IClock"/>) moves. Wolverine schedules timers by delay from this clock, so a
/// breach at the shifted instant fires when the shifted clock reaches it; token lifetimes stay on the real
/// <see cref="TimeProvider"/>, so tokens keep working.
/// </remarks>
public sealed class ShiftedClock(Duration offset) : IClock
{
    /// <summary>The configuration key of the offset.</summary>
    public const string OffsetKey = "Disputes:Clock:OffsetFromSystem";

    /// <summary>Configuration section <c>Disputes:Clock</c>.</summary>
    public sealed class Settings : ISettings
    {
        /// <inheritdoc/>
        public static string Section => "Disputes:Clock";

        /// <summary>How far the service's clock is ahead of (positive) or behind (negative) the system clock; zero unless set.</summary>
        public TimeSpan OffsetFromSystem { get; set; }
    }

    /// <summary>How far this clock is ahead of (positive) or behind (negative) the system clock.</summary>
    public Duration Offset { get; } = offset;

    /// <inheritdoc />
    public Instant GetCurrentInstant() => SystemClock.Instance.GetCurrentInstant() + Offset;

    /// <summary>The service's clock: the system clock, shifted when <see cref="OffsetKey"/> is configured.</summary>
    public static IClock From(Settings settings) =>
        settings.OffsetFromSystem != TimeSpan.Zero ? new ShiftedClock(Duration.FromTimeSpan(settings.OffsetFromSystem)) : SystemClock.Instance;
}
