using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes.Investigating;
using Marten;
using NodaTime;
using Disputes.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disputes.Api.Disputes.Investigating;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/notes</c>.</summary>
/// <param name="Text">The internal note; never shown to the cardmember.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
public sealed record AddNoteRequest([FreeText] string? Text, long? ExpectedVersion);

/// <summary>Adds an internal note.</summary>
public static class AddNoteEndpoint
{
    /// <summary>200 with the dispute.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/notes")]
    public static async Task<IResult> Post(Guid disputeId, AddNoteRequest? request, HttpContext http, IDocumentSession session, IClock clock)
    {
        var errors = new FieldErrors();
        var text = errors.Text("text", request?.Text, 4000);
        if (text is null)
        {
            return errors.ToResult();
        }

        return await DisputeCommand.RunAsync(http, session, clock, disputeId, request?.ExpectedVersion,
                (dispute, now) => InvestigationSteps.AddNote(dispute, text, now));
    }
}
