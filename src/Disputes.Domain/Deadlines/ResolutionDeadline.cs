using Disputes.Domain.BillingCycles;
using NodaTime;
using NodaTime.Text;

namespace Disputes.Domain.Deadlines;

/// <summary>
/// The last day on which a creditor may resolve a billing error (correct it, or explain why there is none):
/// within two complete billing cycles after receiving the notice, and in no event later than 90 days after
/// (12 CFR 1026.13(c)(2)).
/// </summary>
/// <remarks>
/// The cycles are actual billing cycles, not a length of time (comment 13(c)(2)-1): the cycle in which the
/// notice arrives never counts as complete, so a notice received mid-cycle gets the rest of that cycle plus
/// the next two. With cycles closing on the 15th of each month, a notice received 2025-03-03 is due
/// 2025-05-15, not 2025-05-02 as "received + 2 x cycle length" would give.
/// </remarks>
/// <param name="DueOn">
/// The last calendar day, in the account's time zone, on which the resolution may be sent; a resolution sent
/// at any time on this day is on time.
/// </param>
/// <param name="Basis">Which of the two limits set <paramref name="DueOn"/>.</param>
/// <param name="CapReason">
/// A plain-English sentence, for the consumer and for compliance officers, saying why the 90-day limit was
/// used when the account's calendar did not list enough closing dates to know when the second complete cycle
/// closes; null when the calendar was sufficient.
/// </param>
public sealed record ResolutionDeadline(LocalDate DueOn, ResolutionBasis Basis, string? CapReason)
{
    // Calendar days, not business days.
    private const int CapInDays = 90;

    /// <summary>
    /// Computes the resolution deadline for a notice received on <paramref name="receivedOn"/> on an account
    /// whose cycles close per <paramref name="calendar"/>.
    /// </summary>
    /// <remarks>
    /// Let C0 be the first closing date on or after <paramref name="receivedOn"/> (the cycle the notice
    /// arrived in) and C2 the second closing date after C0. The deadline is the earlier of C2 and
    /// <paramref name="receivedOn"/> plus 90 days. When the calendar lists too few closing dates to know C2,
    /// the 90-day limit applies and <see cref="CapReason"/> says so; but when a listed date already falls
    /// on or after the 90-day limit, C2 falls after it, so the missing dates change nothing and no reason is given.
    /// A calendar that lists no closing on or before the receipt cannot tell the cycle the notice arrived in: the
    /// 90-day limit applies with its reason whatever the later dates (rule book section 3).
    /// </remarks>
    /// <param name="receivedOn">The date the creditor received the notice, in the account's time zone.</param>
    /// <param name="calendar">The account's billing-cycle calendar.</param>
    /// <returns>The deadline, with what set it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    public static ResolutionDeadline Compute(LocalDate receivedOn, BillingCycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);

        var cap = receivedOn.PlusDays(CapInDays);
        // C0, C1 and C2; a monthly calendar never ends, so never ask for more than needed.
        var known = calendar.ClosingDatesOnOrAfter(receivedOn).Take(3).ToList();
        var reachesBack = calendar.KnowsAClosingOnOrBefore(receivedOn);

        if (reachesBack && known.Count == 3)
        {
            var secondCompleteCycleCloses = known[2];
            return secondCompleteCycleCloses <= cap
                ? new ResolutionDeadline(secondCompleteCycleCloses, ResolutionBasis.TwoCycles, null)
                : new ResolutionDeadline(cap, ResolutionBasis.NinetyDayCap, null);
        }

        // A listed date on or after day 90 puts C2 after it: the dates missing later change nothing.
        var runsOut = known.Count < 3 && (known.Count == 0 || known[^1] < cap);
        if (reachesBack && !runsOut)
        {
            return new ResolutionDeadline(cap, ResolutionBasis.NinetyDayCap, null);
        }

        var missing = new List<string>();
        if (!reachesBack)
        {
            missing.Add($"no closing date on or before {Iso(receivedOn)}, the day the notice was received (so the cycle it arrived in is unknown)");
        }

        if (runsOut)
        {
            missing.Add(known.Count == 0
                ? $"no closing date on or after {Iso(receivedOn)}, the day the notice was received"
                : $"no closing date after {Iso(known[^1])}");
        }

        return new ResolutionDeadline(cap, ResolutionBasis.NinetyDayCap,
            $"The account's billing-cycle calendar lists {string.Join(", and ", missing)}, so the 90-day limit applies.");
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
