using NodaTime;

namespace Disputes.Domain.Deadlines;

/// <summary>
/// Converts between the instants at which things happen and the calendar dates on which deadlines fall, in an
/// account's time zone.
/// </summary>
/// <remarks>
/// A deadline "on date D" is met by anything done up to the end of D, local time, so it is breached at the
/// start of the following local day.
/// </remarks>
public static class DeadlineInstants
{
    /// <summary>
    /// Returns the calendar date, in <paramref name="zone"/>, on which <paramref name="instant"/> falls.
    /// </summary>
    /// <param name="instant">The moment, such as when a notice was received.</param>
    /// <param name="zone">The account's time zone.</param>
    /// <returns>
    /// The local date: 2025-03-01T03:00:00Z is 2025-02-28 in America/New_York.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public static LocalDate LocalDateOf(Instant instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return instant.InZone(zone).Date;
    }

    /// <summary>
    /// Returns the instant at which a deadline due on <paramref name="dueOn"/> is breached: the first instant
    /// of the following day in <paramref name="zone"/>.
    /// </summary>
    /// <param name="dueOn">The last day on which the deadline can be met, in <paramref name="zone"/>.</param>
    /// <param name="zone">The account's time zone.</param>
    /// <returns>
    /// The start of <paramref name="dueOn"/> plus one day in <paramref name="zone"/>. When a daylight-saving
    /// change skips local midnight, that day starts at the first local time that exists, so the result is
    /// still the first instant whose local date is after <paramref name="dueOn"/>; when the zone skips the whole
    /// following day, the breach is at the start of the first day after it that exists.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public static Instant BreachInstant(LocalDate dueOn, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var nextDay = dueOn.PlusDays(1);
        while (true)
        {
            try
            {
                return zone.AtStartOfDay(nextDay).ToInstant();
            }
            catch (SkippedTimeException)
            {
                // A zone that skips a whole day (Pacific/Apia skipped 2011-12-30) has no start for it, and
                // the deadline is then breached at the start of the first day that exists.
                nextDay = nextDay.PlusDays(1);
            }
        }
    }
}
