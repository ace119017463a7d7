using System.Text.Json;
using System.Text.Json.Nodes;
using Disputes.Api.Disputes;
using Disputes.Api.Hosting;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.ServiceDefaults;
using Disputes.Domain.Disputes;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime.Text;
using Wolverine.Http;

namespace Disputes.Api.Compliance.Audit;

/// <summary>
/// <c>GET /api/compliance/disputes/{disputeId}/as-of?at=2025-04-01T00:00:00Z</c>: the dispute and its clocks
/// as they stood at an instant, rebuilt from the events that had happened by then (business time).
/// </summary>
public static class DisputeAsOfEndpoint
{
    private static readonly JsonSerializerOptions Json = DisputesJson.Configure(new JsonSerializerOptions());

    /// <summary>
    /// 200 with the shape of <c>GET /api/disputes/{disputeId}</c> plus <c>asOf</c>; a clock pending past its
    /// breach instant by then shows as breached. 400 for a missing or malformed <c>at</c>; 404 when the
    /// dispute is unknown or was not yet opened at that instant.
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/disputes/{disputeId}/as-of")]
    [ProducesResponseType(typeof(DisputeResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid disputeId, HttpContext http, IQuerySession session)
    {
        var errors = new FieldErrors();
        if (errors.Instant("at", http.Request.Query["at"], required: true) is not { } at)
        {
            return errors.ToResult();
        }

        var events = await session.Events.FetchStreamAsync(disputeId, token: http.RequestAborted);
        if (events is not [{ Data: DisputeOpened }, ..])
        {
            return Problem.NotFound($"Dispute {disputeId}");
        }

        if (DisputeAsOf.Rebuild(events.OrderBy(e => e.Version).Select(e => e.Data), at) is not { } dispute)
        {
            return Problem.NotFound($"Dispute {disputeId} as of {InstantPattern.ExtendedIso.Format(at)}");
        }

        // The published dispute shape with one field more; composed as JSON so the two can never drift apart.
        var body = JsonSerializer.SerializeToNode(DisputeResponse.From(dispute), Json)!.AsObject();
        body.Insert(0, "asOf", JsonSerializer.SerializeToNode(at, Json));
        return Results.Ok(body);
    }
}
