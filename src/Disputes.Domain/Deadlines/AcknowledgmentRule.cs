using NodaTime;

namespace Disputes.Domain.Deadlines;

/// <summary>
/// The deadline for the creditor's written acknowledgment of a billing-error notice (12 CFR 1026.13(c)(1)).
/// </summary>
/// <remarks>
/// No acknowledgment is needed when the dispute is resolved (correction or explanation sent) by the same
/// date; tracking that is the clock's job, not this rule's.
/// </remarks>
public static class AcknowledgmentRule
{
    // Calendar days, not business days (12 CFR 1026.13(c)(1)).
    private const int LengthInDays = 30;

    /// <summary>
    /// Returns the last day on which the acknowledgment may be sent.
    /// </summary>
    /// <param name="receivedOn">The date the creditor received the notice, in the account's time zone.</param>
    /// <returns>
    /// <paramref name="receivedOn"/> plus 30 calendar days, in the account's time zone; an acknowledgment sent
    /// at any time on that day is on time.
    /// </returns>
    public static LocalDate DueOn(LocalDate receivedOn) => receivedOn.PlusDays(LengthInDays);
}
