using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;

namespace Disputes.Domain.Holds;

/// <summary>
/// The forfeiture of 15 USC 1666(e) over all of a dispute's duties (rule book section 6): missing a clock and breaking a hold
/// both put it at stake, and it is counted once per dispute.
/// </summary>
public static class Noncompliance
{
    /// <summary>
    /// What the issuer forfeits on <paramref name="dispute"/>: min(disputed amount + related charges recorded, 50) once a clock
    /// breached or <paramref name="hold"/> recorded a violation; null while neither happened.
    /// </summary>
    /// <param name="dispute">The dispute.</param>
    /// <param name="hold">The dispute's hold; null when it has none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dispute"/> is null.</exception>
    public static decimal? Exposure(Dispute dispute, BillingErrorHold? hold)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return IsAtStake(dispute, hold) ? Forfeiture.Exposure(dispute.Amount, dispute.FinanceCharges) : null;
    }

    /// <summary>True once a clock of <paramref name="dispute"/> breached or <paramref name="hold"/> recorded a violation.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="dispute"/> is null.</exception>
    public static bool IsAtStake(Dispute dispute, BillingErrorHold? hold)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return dispute.Clocks.Any(c => c.Status == ClockStatus.Breached) || hold is { Violations.Count: > 0 };
    }
}
