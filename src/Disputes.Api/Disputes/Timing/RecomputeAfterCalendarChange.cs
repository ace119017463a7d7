using Disputes.Domain.Accounts;
using Disputes.Domain.BillingCycles;
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
/// <param name="Correction">The past closing corrected, when the change is a correction (rule book section 3); null for a new schedule.</param>
public sealed record RecomputeAfterCalendarChange(Guid DisputeId, string AccountId, string ChangedBy, ClosingCorrection? Correction = null);

/// <summary>Sends the recompute of each open dispute of an account whose calendar history changed.</summary>
public static class OpenDisputesRecompute
{
    /// <summary>
    /// Publishes one <see cref="RecomputeAfterCalendarChange"/> per open dispute of <paramref name="account"/> the change
    /// moves, in the session's transaction (the outbox), and returns how many get a new deadline. The decision on the
    /// read snapshot only picks them (and counts them for the answer); each is decided again on its stream when handled.
    /// </summary>
    /// <param name="account">The account after the change.</param>
    /// <param name="actor">Who changed it.</param>
    /// <param name="correction">The past closing corrected, or null for a new schedule.</param>
    /// <param name="session">The session recording the change.</param>
    /// <param name="bus">Where the messages go.</param>
    /// <param name="now">When the change is applied.</param>
    /// <param name="cancellation">Cancels the read.</param>
    public static async Task<int> PublishAsync(
        Account account, string actor, ClosingCorrection? correction, IDocumentSession session, IMessageBus bus, Instant now, CancellationToken cancellation)
    {
        var open = await session.Query<Dispute>()
            .Where(d => d.AccountId == account.AccountId && d.ResolutionClock.Status == ClockStatus.Pending)
            .ToListAsync(cancellation);
        var moved = 0;
        foreach (var candidate in open)
        {
            var events = RecomputeResolutionDeadline.Decide(candidate, account.History, now, correction);
            if (events.Count > 0)
            {
                await bus.PublishAsync(new RecomputeAfterCalendarChange(candidate.Id, account.AccountId, actor, correction));
                moved += events.OfType<ResolutionDeadlineRecomputed>().Any() ? 1 : 0;
            }
        }

        return moved;
    }
}

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

        var events = FollowDispute.WithHold(dispute, RecomputeResolutionDeadline.Decide(dispute, account.History, clock.GetCurrentInstant(), message.Correction));
        session.LastModifiedBy = message.ChangedBy;
        if (events.OfType<ResolutionDeadlineRecomputed>().Any())
        {
            await timers.ScheduleAsync(session, bus, [events.Aggregate(dispute, (d, e) => d.Evolve(e))], [ComplianceClock.Resolution]);
        }

        return [.. events];
    }
}
