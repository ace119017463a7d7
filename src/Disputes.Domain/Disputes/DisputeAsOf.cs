using NodaTime;

namespace Disputes.Domain.Disputes;

/// <summary>A dispute as it stood at an instant of business time, rebuilt from its events.</summary>
public static class DisputeAsOf
{
    /// <summary>
    /// Folds the events of a dispute's stream (oldest first) whose own instant (<see cref="DisputeEventTime"/>)
    /// is not after <paramref name="at"/>, then marks breached every clock that was pending past its breach
    /// instant by then. Null when the dispute had not been opened by <paramref name="at"/>.
    /// </summary>
    /// <remarks>
    /// A breach is a fact of time, not of a stored event: the timer may fire late, or the breach be recorded
    /// by the next command. So the clocks are evolved with <see cref="Dispute.BreachesDueBy"/> as well; only
    /// the clocks, so the version and steps still describe what the stream held.
    /// </remarks>
    public static Dispute? Rebuild(IEnumerable<object> events, Instant at)
    {
        var dispute = Dispute.Replay(events.Where(e => DisputeEventTime.Of(e) <= at));
        if (dispute is null)
        {
            return null;
        }

        foreach (var breach in dispute.BreachesDueBy(at))
        {
            dispute = dispute with
            {
                AcknowledgmentClock = dispute.AcknowledgmentClock.Evolve(breach),
                ResolutionClock = dispute.ResolutionClock.Evolve(breach),
            };
        }

        return dispute;
    }
}
