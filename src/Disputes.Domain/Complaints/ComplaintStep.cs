using NodaTime;
using static System.FormattableString;

namespace Disputes.Domain.Complaints;

/// <summary>One step taken on a complaint, as agents and compliance officers see it in its history.</summary>
/// <param name="Version">The stream version of the event that recorded the step.</param>
/// <param name="Type">The step's kind in snake case, e.g. <c>complaint_responded</c>.</param>
/// <param name="At">When the step happened (the event's own instant).</param>
/// <param name="Summary">One English sentence saying what happened.</param>
public sealed record ComplaintStep(long Version, string Type, Instant At, string Summary)
{
    /// <summary>The step an event records.</summary>
    public static ComplaintStep For(object @event, long version) => @event switch
    {
        ComplaintReceived e => new(version, "complaint_received", e.ReceivedAt, e.CaseNumber is { } caseNumber
            ? Invariant($"Complaint received by {Snake(e.Channel)} about {Snake(e.Category)}, on dispute {caseNumber}.")
            : Invariant($"Complaint received by {Snake(e.Channel)} about {Snake(e.Category)}.")),
        ComplaintReviewStarted e => new(version, "complaint_review_started", e.StartedAt, "Review started."),
        ComplaintResponded e => new(version, "complaint_responded", e.RespondedAt, $"Response sent to the cardmember: {e.Text}"),
        ComplaintClosed e => new(version, "complaint_closed", e.ClosedAt, "Closed with the response on record as the final answer."),
        ComplaintReopened e => new(version, "complaint_reopened", e.ReopenedAt, $"Reopened (the deadlines do not start again): {e.Reason}"),
        ComplaintDeadlineBreached e => new(version, "complaint_deadline_breached", e.BreachedAt,
            Invariant($"The {Snake(e.Clock).Replace('_', ' ')} deadline of {e.DueOn:yyyy-MM-dd} was missed.")),
        _ => new(version, "unknown", default, @event.GetType().Name),
    };

    /// <summary>The business instant of <paramref name="event"/>: when it happened, not when the row was written.</summary>
    /// <exception cref="ArgumentException">The event is not a complaint event.</exception>
    public static Instant TimeOf(object @event) => @event switch
    {
        // The receipt, not the moment it was keyed in: the deadlines run from receipt.
        ComplaintReceived e => e.ReceivedAt,
        ComplaintReviewStarted e => e.StartedAt,
        ComplaintResponded e => e.RespondedAt,
        ComplaintClosed e => e.ClosedAt,
        ComplaintReopened e => e.ReopenedAt,
        ComplaintDeadlineBreached e => e.BreachedAt,
        _ => throw new ArgumentException($"{@event.GetType().Name} is not a complaint event.", nameof(@event)),
    };

    private static string Snake<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
