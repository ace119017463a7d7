using Disputes.Domain.Accounts;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Timing;
using Disputes.Domain.Holds;
using Disputes.Domain.Streams;
using Marten;
using NodaTime;
using Wolverine;
using Wolverine.Marten;

namespace Disputes.Api.Disputes.Timing;

/// <summary>
/// An account's calendar changed under an open dispute: its resolution deadline is decided again, on the account's
/// calendar history as it stands when the message is handled. One message per dispute, sent through the outbox in
/// the transaction that records the change, so a change with many open disputes is no long transaction and a crash
/// after it loses none.
/// </summary>
/// <param name="DisputeId">The dispute to recompute.</param>
/// <param name="AccountId">Its account.</param>
/// <param name="ChangedBy">The actor who changed the calendar; the events this causes are recorded as theirs.</param>
public sealed record RecomputeAfterCalendarChange(Guid DisputeId, string AccountId, string ChangedBy);

/// <summary>Applies <see cref="RecomputeResolutionDeadline"/> to one dispute and reschedules its resolution timers.</summary>
public static class RecomputeAfterCalendarChangeHandler
{
    /// <summary>The account whose calendar decides.</summary>
    public static ValueTask<Account?> LoadAsync(RecomputeAfterCalendarChange message, IDocumentSession session, CancellationToken cancellation) =>
        session.Events.FetchLatest<Account>(StreamIds.ForAccount(message.AccountId), cancellation);

    /// <summary>
    /// The domain's decision: breaches due by now first, a clock no longer pending untouched, then the new deadline
    /// (breached at once when it has passed). A redelivery finds the deadline already moved and appends nothing.
    /// </summary>
    public static async Task<Events> Handle(
        RecomputeAfterCalendarChange message, [WriteAggregate] Dispute? dispute, Account? account,
        IDocumentSession session, IMessageBus bus, DeadlineTimers timers, IClock clock)
    {
        if (dispute is null || account is null)
        {
            return [];
        }

        var events = FollowDispute.WithHold(dispute, RecomputeResolutionDeadline.Decide(dispute, account.History, clock.GetCurrentInstant()));
        session.LastModifiedBy = message.ChangedBy;
        if (events.OfType<ResolutionDeadlineRecomputed>().Any())
        {
            await timers.ScheduleAsync(bus, events.Aggregate(dispute, (d, e) => d.Evolve(e)), [ComplianceClock.Resolution]);
        }

        return [.. events];
    }
}
