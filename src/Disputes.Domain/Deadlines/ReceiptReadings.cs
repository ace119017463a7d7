using Disputes.Domain.BillingCycles;
using NodaTime;

namespace Disputes.Domain.Deadlines;

/// <summary>
/// The day a notice was received, read in the account's time zone and, when the program sets one, in the issuer's
/// processing time zone (rule book, "Dates and time zones"). The regulation names no zone and the issuer's systems close
/// days in theirs, so the cautious choice is taken: the notice is timely when it is timely in either reading, and every
/// deadline is the earlier of the two readings' deadlines. Deadlines stay dates in the account's zone.
/// </summary>
/// <remarks>
/// Worked example: an account in America/New_York, the issuer processing in America/Los_Angeles, a notice received at
/// 2025-03-03T06:30Z: in New York 03-03 at 01:30, in Los Angeles 03-02 at 22:30. The statement was transmitted
/// 2025-01-01, so the last day to receive is 03-02: late in New York, timely in Los Angeles, so timely. The
/// acknowledgment is due 30 days after the earlier receipt day, 04-01 (New York alone would say 04-02). With the account
/// closing on the 2nd, the Los Angeles reading has C0 = 03-02 and C2 = 05-02; the New York reading C0 = 04-02 and C2 =
/// 06-02, capped at 06-01; the resolution is due 2025-05-02. Each deadline breaches at the start of the next day in New
/// York (the acknowledgment at 2025-04-02T04:00Z). With the zones the other way round the account's own reading is the
/// earlier one and nothing changes.
/// </remarks>
/// <param name="InAccountZone">The receipt's local date in the account's zone.</param>
/// <param name="InProcessingZone">The receipt's local date in the processing zone; null when the program sets none.</param>
public sealed record ReceiptReadings(LocalDate InAccountZone, LocalDate? InProcessingZone = null)
{
    /// <summary>Reads <paramref name="receivedAt"/> in <paramref name="accountZone"/> and, when given, <paramref name="processingZone"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="accountZone"/> is null.</exception>
    public static ReceiptReadings Of(Instant receivedAt, DateTimeZone accountZone, DateTimeZone? processingZone)
    {
        ArgumentNullException.ThrowIfNull(accountZone);
        return new ReceiptReadings(
            DeadlineInstants.LocalDateOf(receivedAt, accountZone),
            processingZone is null ? null : DeadlineInstants.LocalDateOf(receivedAt, processingZone));
    }

    /// <summary>The earlier of the two receipt days: the one the filing window and the acknowledgment count from.</summary>
    public LocalDate Earliest => InProcessingZone is { } processing && processing < InAccountZone ? processing : InAccountZone;

    /// <summary>The filing window for the statement transmitted on <paramref name="statementTransmittedOn"/>: timely when timely in either reading.</summary>
    public FilingWindow FilingWindowFor(LocalDate statementTransmittedOn) => FilingWindow.Evaluate(statementTransmittedOn, Earliest);

    /// <summary>The acknowledgment's last day: 30 days after the earlier receipt day.</summary>
    public LocalDate AcknowledgmentDueOn => AcknowledgmentRule.DueOn(Earliest);

    /// <summary>
    /// The resolution deadline: computed from each reading against <paramref name="calendar"/>, the earlier due date wins
    /// (on a tie, the account's reading, with its basis and any cap reason). Computing both matters: a calendar that knows
    /// no closing on or before one reading's day but does for the other's can make the later day's deadline the earlier one.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    public ResolutionDeadline ResolutionDeadlineFor(BillingCycleCalendar calendar)
    {
        var inAccountZone = ResolutionDeadline.Compute(InAccountZone, calendar);
        if (InProcessingZone is not { } processing || processing == InAccountZone)
        {
            return inAccountZone;
        }

        var inProcessingZone = ResolutionDeadline.Compute(processing, calendar);
        return inProcessingZone.DueOn < inAccountZone.DueOn ? inProcessingZone : inAccountZone;
    }
}
