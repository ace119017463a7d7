using Disputes.Api.Disputes;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Evidence;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/upload-links</c>.</summary>
/// <param name="ExpiresInDays">How many days the link works: 1 to 30, 7 unless given.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
public sealed record CreateUploadLinkRequest(int? ExpiresInDays, long? ExpectedVersion);

/// <summary>A new upload link; the token is shown this once and cannot be read again.</summary>
/// <param name="LinkId">The link's id, to revoke it.</param>
/// <param name="Url">The path the cardmember uploads to.</param>
/// <param name="Token">The link's credential.</param>
/// <param name="ExpiresAt">After this the link refuses uploads.</param>
/// <param name="Page">
/// The console's upload page for this link, to send the cardmember: the token rides in the fragment, which browsers
/// never send to a server or in a Referer, and the page opens in the dispute's language.
/// </param>
public sealed record UploadLinkResponse(Guid LinkId, string Url, string Token, Instant ExpiresAt, string Page);

/// <summary>Agents and supervisors make and revoke the links a cardmember uploads evidence through.</summary>
public static class UploadLinkEndpoints
{
    /// <summary>The days a link works unless the agent says otherwise.</summary>
    public const int DefaultDays = 7;

    /// <summary>The most days a link may work.</summary>
    public const int MaxDays = 30;

    /// <summary>201 with the link and its token; 409 on a closed dispute or a stale version.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/upload-links")]
    [ProducesResponseType(typeof(UploadLinkResponse), StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status428PreconditionRequired, "application/problem+json")]
    public static async Task<IResult> Create(Guid disputeId, CreateUploadLinkRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        HttpContext http, IDocumentSession session, IClock clock)
    {
        var days = request.ExpiresInDays ?? DefaultDays;
        if (days is < 1 or > MaxDays)
        {
            return Problem.Validation("expiresInDays", $"must be between 1 and {MaxDays}.");
        }

        var dispute = await session.LoadAsync<Dispute>(disputeId, http.RequestAborted);
        if (dispute is null)
        {
            return Problem.NotFound($"Dispute {disputeId}");
        }

        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        dispute.EnsureActive("ask for evidence");
        var now = clock.GetCurrentInstant();
        var token = UploadLink.NewToken();
        var link = new UploadLink
        {
            Id = Guid.NewGuid(),
            DisputeId = disputeId,
            TokenSha256 = UploadLink.HashOf(token),
            CreatedBy = Caller.Of(http.User).Actor,
            CreatedAt = now,
            ExpiresAt = now + Duration.FromDays(days),
        };
        session.Insert(link);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Created($"/api/disputes/{disputeId}/upload-links/{link.Id}",
            new UploadLinkResponse(link.Id, UploadRoute.Pattern.Replace("{token}", token, StringComparison.Ordinal), token, link.ExpiresAt,
                $"/upload.html#token={token}&lang={NoticeLanguages.Code(dispute.Language)}"));
    }

    /// <summary>204: the link no longer admits uploads (revoking twice is the same); 404 for a link of another dispute.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverineDelete("/api/disputes/{disputeId}/upload-links/{linkId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Revoke(Guid disputeId, Guid linkId, HttpContext http, IDocumentSession session, IClock clock)
    {
        var link = await session.LoadAsync<UploadLink>(linkId, http.RequestAborted);
        if (link is null || link.DisputeId != disputeId)
        {
            return Problem.NotFound($"Upload link {linkId} of dispute {disputeId}");
        }

        if (link.RevokedAt is null)
        {
            link.RevokedAt = clock.GetCurrentInstant();
            link.RevokedBy = Caller.Of(http.User).Actor;
            session.Update(link);
        }

        return Results.NoContent();
    }
}
