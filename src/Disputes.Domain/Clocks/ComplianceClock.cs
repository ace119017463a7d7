namespace Disputes.Domain.Clocks;

/// <summary>The two running clocks of Regulation Z 1026.13(c) that a dispute can breach.</summary>
public enum ComplianceClock
{
    /// <summary>The written acknowledgment due 30 days after receipt (1026.13(c)(1)).</summary>
    Acknowledgment,

    /// <summary>The resolution due within two complete billing cycles, at most 90 days (1026.13(c)(2)).</summary>
    Resolution,
}
