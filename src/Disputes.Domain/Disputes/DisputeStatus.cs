namespace Disputes.Domain.Disputes;

/// <summary>Where a dispute stands in its life.</summary>
public enum DisputeStatus
{
    /// <summary>Received and not yet acknowledged in writing.</summary>
    Open,

    /// <summary>Acknowledged in writing and under investigation.</summary>
    Acknowledged,

    /// <summary>Resolved with a correction or an explanation.</summary>
    Resolved,

    /// <summary>Withdrawn by the cardmember.</summary>
    Withdrawn,

    /// <summary>Reasserted after resolution; worked again, with no new clocks (1026.13(h)).</summary>
    Reopened,
}
