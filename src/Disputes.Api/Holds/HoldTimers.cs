using Disputes.Domain.Disputes;
using Disputes.Domain.Holds;
using Marten;
using NodaTime;
using Wolverine;
using Wolverine.Marten;

namespace Disputes.Api.Holds;

/// <summary>
/// The end of a payment period a dispute's hold runs until (after an explanation, or a reassertion within it): at
/// that instant the hold is released or turns to "report only as in dispute", and the systems told of it are told again.
/// </summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="EndsAt">The instant the period ends: the start of the day after the payment due date, in the account's zone.</param>
public sealed record HoldPeriodEnds(Guid DisputeId, Instant EndsAt);

/// <summary>Schedules <see cref="HoldPeriodEnds"/> as a durable message, in the transaction that set the period.</summary>
public sealed class HoldTimers(IClock clock)
{
    /// <summary>Schedules the end of the payment period <paramref name="dispute"/>'s hold now runs until, if it runs until one.</summary>
    public async Task ScheduleAsync(IMessageBus bus, Dispute dispute)
    {
        if (dispute.Hold is { IsReleased: false, Terms.Until: { } until })
        {
            // Measured on the injected clock, like the deadline timers, so a shifted test clock still fires it.
            var delay = Duration.Max(until - clock.GetCurrentInstant(), Duration.Zero).ToTimeSpan();
            await bus.ScheduleAsync(new HoldPeriodEnds(dispute.Id, until), delay);
        }
    }
}

/// <summary>Records the end of a payment period when <see cref="HoldPeriodEnds"/> fires.</summary>
public static class HoldPeriodEndsHandler
{
    /// <summary>What the period's end has made due; nothing when a command recorded it already or the hold moved on.</summary>
    public static Events Handle(HoldPeriodEnds timer, [WriteAggregate] Dispute? dispute, IDocumentSession session, IClock clock)
    {
        if (dispute?.Hold is not { } hold)
        {
            return [];
        }

        session.LastModifiedBy = Identity.AuditStamp.TimerActor;
        return [.. hold.LapsesDueBy(clock.GetCurrentInstant())];
    }
}
