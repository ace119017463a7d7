using NodaTime;

namespace Disputes.Domain.Deadlines;

/// <summary>
/// The 60-day window in which the creditor must receive a billing-error notice for it to be protected by the
/// Fair Credit Billing Act (12 CFR 1026.13(b)(1)), and whether a notice arrived within it.
/// </summary>
/// <remarks>
/// A late notice is still recorded and worked, but the acknowledgment and resolution deadlines do not apply
/// to it.
/// </remarks>
/// <param name="LastDay">
/// The last calendar day, in the account's time zone, on which the notice may be received: 60 days after the
/// statement was transmitted. A notice received at any time on this day is timely.
/// </param>
/// <param name="Timely">True when the notice was received on or before <paramref name="LastDay"/>.</param>
public sealed record FilingWindow(LocalDate LastDay, bool Timely)
{
    // Calendar days, not business days (12 CFR 1026.13(b)(1)).
    private const int LengthInDays = 60;

    /// <summary>
    /// Works out the filing window for a notice about an error on the statement transmitted on
    /// <paramref name="statementTransmittedOn"/>, and whether a notice received on <paramref name="receivedOn"/>
    /// is timely.
    /// </summary>
    /// <param name="statementTransmittedOn">
    /// The date the first periodic statement reflecting the error was transmitted, in the account's time zone.
    /// For a statement that was never sent, the date it should have been sent; for statements held at the
    /// bank, the date they were first made available; for a missing credit, the date of the statement on which
    /// the credit should have appeared.
    /// </param>
    /// <param name="receivedOn">The date the creditor received the notice, in the account's time zone.</param>
    /// <returns>
    /// The window: statement transmitted 2015-01-30 gives a last day of 2015-03-31.
    /// </returns>
    public static FilingWindow Evaluate(LocalDate statementTransmittedOn, LocalDate receivedOn)
    {
        var lastDay = statementTransmittedOn.PlusDays(LengthInDays);
        return new FilingWindow(lastDay, receivedOn <= lastDay);
    }
}
