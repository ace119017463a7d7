using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Compliance.Audit;

/// <summary>One event of a dispute's stream, as the audit trail shows it.</summary>
/// <param name="Version">The stream version the event was stored at (1 for the opening).</param>
/// <param name="Type">The event's type name in the event store, e.g. <c>acknowledgment_sent</c>.</param>
/// <param name="OccurredAt">The instant the event describes (business time: when the notice was received, the acknowledgment sent, the clock breached).</param>
/// <param name="Timestamp">The instant the event store recorded the event.</param>
/// <param name="Actor">Who caused it, <c>role:subject</c> (e.g. <c>agent:agent-7</c>), or <c>system:deadline-timer</c>.</param>
/// <param name="CorrelationId">The correlation id of the request (or message) that caused it.</param>
/// <param name="Data">The event as stored.</param>
public sealed record DisputeHistoryEvent(
    long Version, string Type, Instant OccurredAt, Instant Timestamp, string? Actor, string? CorrelationId, object Data)
{
    /// <summary>Every event of a dispute's or complaint's stream, oldest first, each dated by <paramref name="occurredAt"/>.</summary>
    public static IReadOnlyList<DisputeHistoryEvent> Trail(IEnumerable<IEvent> events, Func<object, Instant> occurredAt) =>
        [.. events.OrderBy(e => e.Version).Select(e => new DisputeHistoryEvent(
            e.Version, e.EventTypeName, occurredAt(e.Data), Instant.FromDateTimeOffset(e.Timestamp), e.UserName, e.CorrelationId, e.Data))];
}

/// <summary>The whole audit trail of a dispute, oldest event first.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="Events">Every event of its stream, oldest first.</param>
public sealed record DisputeHistory(Guid DisputeId, string CaseNumber, IReadOnlyList<DisputeHistoryEvent> Events);

/// <summary><c>GET /api/compliance/disputes/{disputeId}/history</c>: who did what to a dispute, and when.</summary>
public static class DisputeHistoryEndpoint
{
    /// <summary>200 with every event of the dispute's stream, oldest first; 404 when the dispute is unknown.</summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/disputes/{disputeId}/history")]
    [ProducesResponseType(typeof(DisputeHistory), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid disputeId, HttpContext http, IQuerySession session)
    {
        var events = await session.Events.FetchStreamAsync(disputeId, token: http.RequestAborted);

        // Account streams share the id space; only a stream opened by a dispute is a dispute's history.
        if (events is not [{ Data: DisputeOpened opened }, ..])
        {
            return Problem.NotFound($"Dispute {disputeId}");
        }

        return Results.Ok(new DisputeHistory(disputeId, opened.CaseNumber, DisputeHistoryEvent.Trail(events, DisputeEventTime.Of)));
    }
}
