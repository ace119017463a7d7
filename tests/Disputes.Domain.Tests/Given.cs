using Disputes.Domain.BillingCycles;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Tests;

/// <summary>The states the specs start from.</summary>
internal static class Given
{
    /// <summary>
    /// A dispute opened from a timely chat notice received at noon local time on <paramref name="receivedOn"/> (the
    /// statement ten days earlier, the charge twenty), with a resolution clock when <paramref name="calendar"/> is given.
    /// </summary>
    public static Dispute DisputeReceivedOn(
        LocalDate receivedOn, string zoneId = "America/New_York", decimal amount = 127.43m, BillingCycleCalendar? calendar = null,
        int? paymentPeriodDays = null)
    {
        var at = DateTimeZoneProviders.Tzdb[zoneId].AtStartOfDay(receivedOn).ToInstant() + Duration.FromHours(12);
        var statement = receivedOn.PlusDays(-10);
        return Dispute.Start(new DisputeOpened(
            Guid.NewGuid(), "DSP-2025-000001", "acct-1001", "1005", "chat-a", BillingErrorKind.Unauthorized, "XYZ Store", amount, "USD",
            receivedOn.PlusDays(-20), statement, at, receivedOn, zoneId, "I did not make this purchase", NoticeChannel.Chat,
            FilingWindow.Evaluate(statement, receivedOn), AcknowledgmentRule.DueOn(receivedOn),
            calendar is null ? null : ResolutionDeadline.Compute(receivedOn, calendar), at, PaymentPeriodDays: paymentPeriodDays));
    }
}
