using System.Globalization;
using Disputes.Domain.BillingCycles;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Streams;
using NodaTime;

namespace Disputes.Bench.Workload;

/// <summary>
/// Disputes and their histories made with the domain's own rules (filing window, acknowledgment and
/// resolution deadlines from the account's calendar), for seeding without HTTP.
/// </summary>
/// <param name="numberedAfter">The case number the first dispute's follows, so factories in several processes of one
/// run never give two disputes the same number.</param>
public sealed class DisputeFactory(long numberedAfter = 0)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private long _next = numberedAfter;

    /// <summary>A dispute opened on <paramref name="account"/> for a notice received at <paramref name="receivedAt"/>.</summary>
    public DisputeOpened Open(BenchAccount account, Instant receivedAt, Instant openedAt)
    {
        var n = Interlocked.Increment(ref _next);
        var receivedOn = DeadlineInstants.LocalDateOf(receivedAt, account.Zone);
        var statement = receivedOn.PlusDays(-6);
        var transaction = receivedOn.PlusDays(-12);
        var window = FilingWindow.Evaluate(statement, receivedOn);
        var chatSession = $"seed-{_run}x{n}";
        var merchant = $"Merchant {n % 997}";
        var amount = 5m + n % 90_000 / 100m;
        var id = StreamIds.ForIntake(account.AccountId, chatSession, merchant, amount,
            transaction.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new DisputeOpened(id, $"DSP-{receivedOn.Year:0000}-{n:00000000}", account.AccountId, $"{1000 + n % 9000}", chatSession,
            BillingErrorKind.Unauthorized, merchant, amount, "USD", transaction, statement, receivedAt, receivedOn, account.TimeZoneId,
            "Benchmark seed: I do not recognise this charge.", NoticeChannel.Chat, window,
            window.Timely ? AcknowledgmentRule.DueOn(receivedOn) : null,
            window.Timely ? ResolutionDeadline.Compute(receivedOn, new MonthlyClosingDay(account.ClosingDay)) : null,
            openedAt);
    }

    /// <summary>
    /// A worked dispute's stream of <paramref name="eventCount"/> events (2 to 10): opened, then investigation
    /// steps, then resolved.
    /// </summary>
    public static IReadOnlyList<object> History(DisputeOpened opened, int eventCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventCount, 2);
        var at = opened.NoticeReceivedAt;
        object[] steps =
        [
            new AcknowledgmentSent(at + Duration.FromDays(1)),
            new NoteAdded("Cardmember confirmed the card was in their possession.", at + Duration.FromDays(1)),
            new MerchantContacted("Asked the merchant for the signed receipt.", at + Duration.FromDays(2)),
            new DocumentsRequested(DocumentSource.Merchant, "Signed receipt and delivery proof", at + Duration.FromDays(2)),
            new ProvisionalCreditIssued(opened.Amount, at + Duration.FromDays(3)),
            new DocumentsReceived(DocumentSource.Merchant, "Receipt without signature", at + Duration.FromDays(9)),
            new NoteAdded("Receipt does not match the cardmember's signature.", at + Duration.FromDays(10)),
            new FinanceChargesRecorded(1.25m, at + Duration.FromDays(11)),
        ];
        var resolved = new DisputeResolved(ResolutionOutcome.Corrected, opened.Amount + 1.25m, null, null, null, at + Duration.FromDays(12));
        return [opened, .. steps.Take(Math.Min(steps.Length, eventCount - 2)), resolved];
    }
}
