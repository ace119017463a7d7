using Disputes.Domain.BillingCycles;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Tests;

/// <summary>The states the specs start from.</summary>
internal static class Given
{
    /// <summary>
    /// A dispute opened from a chat notice received at noon local time on <paramref name="receivedOn"/> (the statement
    /// <paramref name="statementDaysBefore"/> days earlier, ten unless given, so timely; the charge ten days before the
    /// statement), with a resolution clock when <paramref name="calendar"/> is given and the notice is timely.
    /// </summary>
    public static Dispute DisputeReceivedOn(
        LocalDate receivedOn, string zoneId = "America/New_York", decimal amount = 127.43m, BillingCycleCalendar? calendar = null,
        int? paymentPeriodDays = null, BillingErrorKind reason = BillingErrorKind.Unauthorized, int statementDaysBefore = 10) =>
        Dispute.Start(NoticeReceivedOn(receivedOn, zoneId, amount, calendar, paymentPeriodDays, reason, statementDaysBefore));

    /// <summary>
    /// The <see cref="DisputeOpened"/> that starts <see cref="DisputeReceivedOn"/>'s dispute, for specs that replay a stream;
    /// opened in this service at the receipt unless <paramref name="openedAt"/> says it was keyed in later.
    /// </summary>
    public static DisputeOpened NoticeReceivedOn(
        LocalDate receivedOn, string zoneId = "America/New_York", decimal amount = 127.43m, BillingCycleCalendar? calendar = null,
        int? paymentPeriodDays = null, BillingErrorKind reason = BillingErrorKind.Unauthorized, int statementDaysBefore = 10,
        Instant? openedAt = null)
    {
        var at = DateTimeZoneProviders.Tzdb[zoneId].AtStartOfDay(receivedOn).ToInstant() + Duration.FromHours(12);
        var statement = receivedOn.PlusDays(-statementDaysBefore);
        var window = FilingWindow.Evaluate(statement, receivedOn);
        return new DisputeOpened(
            Guid.NewGuid(), "DSP-2025-000001", "acct-1001", "1005", "chat-a", reason, "XYZ Store", amount, "USD",
            statement.PlusDays(-10), statement, at, receivedOn, zoneId, "I did not make this purchase", NoticeChannel.Chat,
            window, window.Timely ? AcknowledgmentRule.DueOn(receivedOn) : null,
            calendar is null || !window.Timely ? null : ResolutionDeadline.Compute(receivedOn, calendar), openedAt ?? at, PaymentPeriodDays: paymentPeriodDays);
    }
}
