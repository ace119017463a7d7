namespace Disputes.Domain.Clocks;

/// <summary>Where a compliance clock stands. Only a <see cref="Pending"/> clock can still breach.</summary>
public enum ClockStatus
{
    /// <summary>Running: the duty has not been done and its deadline has not passed.</summary>
    Pending,

    /// <summary>The duty was done on or before its due date.</summary>
    Met,

    /// <summary>The acknowledgment was not needed because the dispute was resolved within 30 days.</summary>
    MetByResolution,

    /// <summary>The due date passed (in the account's time zone) with the duty undone.</summary>
    Breached,

    /// <summary>The notice arrived after the 60-day filing window, so the clock does not apply.</summary>
    NotApplicable,

    /// <summary>The cardmember withdrew the notice before the duty was done.</summary>
    Stopped,
}
