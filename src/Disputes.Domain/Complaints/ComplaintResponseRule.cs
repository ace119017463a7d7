using NodaTime;

namespace Disputes.Domain.Complaints;

/// <summary>
/// The deadlines of a complaint, counted as the CFPB's complaint process counts them for companies: a response within 15
/// days of receipt and a final answer within 60. Like the dispute clocks they are calendar days from the receipt's local
/// date, and a deadline due on a day is met by anything done up to the end of that day in the complaint's time zone.
/// </summary>
public static class ComplaintResponseRule
{
    /// <summary>Days from receipt to the response.</summary>
    public const int ResponseDays = 15;

    /// <summary>Days from receipt to the final answer.</summary>
    public const int FinalResponseDays = 60;

    /// <summary>The last day to respond to a complaint received on <paramref name="receivedOn"/>.</summary>
    public static LocalDate ResponseDueOn(LocalDate receivedOn) => receivedOn.PlusDays(ResponseDays);

    /// <summary>The last day to give the final answer to a complaint received on <paramref name="receivedOn"/>.</summary>
    public static LocalDate FinalResponseDueOn(LocalDate receivedOn) => receivedOn.PlusDays(FinalResponseDays);
}
