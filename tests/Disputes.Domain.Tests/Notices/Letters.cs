using Disputes.Domain.BillingCycles;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Notices;
using NodaTime;

namespace Disputes.Domain.Tests.Notices;

/// <summary>The disputes and issuer the notice specs start from.</summary>
internal static class Letters
{
    public static readonly NoticeIssuer Issuer = new("Example Bank, N.A.");

    /// <summary>Received 2025-03-03 in New York, cycles closing on the 15th: acknowledgment due 04-02, resolution due 05-15.</summary>
    public static readonly LocalDate Received = new(2025, 3, 3);

    public static Dispute Open(BillingErrorKind reason = BillingErrorKind.Unauthorized, int statementDaysBefore = 10) =>
        Given.DisputeReceivedOn(Received, calendar: new MonthlyClosingDay(15), reason: reason, statementDaysBefore: statementDaysBefore);

    /// <summary>15:00 UTC on the day: 11:00 (EDT) or 10:00 (EST) in New York, the same date.</summary>
    public static Instant On(int month, int day) => Instant.FromUtc(2025, month, day, 15, 0);

    public static Dispute After(this Dispute dispute, IEnumerable<object> events) => events.Aggregate(dispute, (d, e) => d.Evolve(e));

    public static Dispute Resolved(this Dispute dispute, ResolveDispute command, Instant at) => dispute.After(command.Decide(dispute, at));

    public static Dispute Corrected(this Dispute dispute, Instant at) =>
        dispute.Resolved(new ResolveDispute(ResolutionOutcome.Corrected, 127.43m, null, null, null), at);

    public static Dispute ExplainedWithMoneyOwed(this Dispute dispute, Instant at, LocalDate due) =>
        dispute.Resolved(new ResolveDispute(ResolutionOutcome.NoError, null, "The signed receipt matches your signature", 127.43m, due), at);

    public static Dispute PartlyCorrected(this Dispute dispute, Instant at, LocalDate due) =>
        dispute.Resolved(new ResolveDispute(ResolutionOutcome.Partial, 27.43m, "You were charged twice; the second charge of $100.00 was for the replacement you ordered", 100m, due), at);
}
