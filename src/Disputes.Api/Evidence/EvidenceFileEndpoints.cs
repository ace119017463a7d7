using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Npgsql;
using Wolverine.Http;

namespace Disputes.Api.Evidence;

/// <summary>One stored evidence file as staff see it.</summary>
/// <param name="FileId">The file's id.</param>
/// <param name="Name">The name it is kept under.</param>
/// <param name="Type">Its media type.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the stored bytes.</param>
/// <param name="ReceivedSha256">The SHA-256 of the bytes as received (before an image lost its metadata).</param>
/// <param name="UploadedBy">Who sent it.</param>
/// <param name="UploadedAt">When.</param>
public sealed record EvidenceFileResponse(Guid FileId, string Name, string Type, long Size, string Sha256, string ReceivedSha256, string UploadedBy, Instant UploadedAt)
{
    /// <summary>The response for <paramref name="file"/>.</summary>
    public static EvidenceFileResponse From(EvidenceFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new(file.Id, file.Name, file.ContentType, file.Size, file.Sha256, file.ReceivedSha256, file.UploadedBy, file.UploadedAt);
    }
}

/// <summary>Agents, supervisors and compliance list and download a dispute's evidence.</summary>
public static class EvidenceFileEndpoints
{
    /// <summary>The dispute's files, oldest first; 404 for no dispute.</summary>
    [Authorize(Policy = Policies.ReadDisputes)]
    [WolverineGet("/api/disputes/{disputeId}/files")]
    [ProducesResponseType(typeof(IReadOnlyList<EvidenceFileResponse>), StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> List(Guid disputeId, HttpContext http, IQuerySession session)
    {
        if (await session.LoadAsync<Dispute>(disputeId, http.RequestAborted) is null)
        {
            return Problem.NotFound($"Dispute {disputeId}");
        }

        var files = await EvidenceFiles.ForDisputeAsync(session, disputeId, http.RequestAborted);
        return Results.Ok(files.Select(EvidenceFileResponse.From).ToList());
    }

    /// <summary>
    /// The file as an attachment with its stored type and <c>nosniff</c>, so a browser saves it and never renders it as
    /// something else; streamed from PostgreSQL. 404 for a file of another dispute.
    /// </summary>
    [Authorize(Policy = Policies.ReadDisputes)]
    [WolverineGet("/api/disputes/{disputeId}/files/{fileId}")]
    [ProducesResponseType(typeof(FileStreamResult), StatusCodes.Status200OK, "application/pdf", "image/jpeg", "image/png")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Download(Guid disputeId, Guid fileId, HttpContext http, IQuerySession session, NpgsqlDataSource dataSource)
    {
        var file = await session.LoadAsync<EvidenceFile>(fileId, http.RequestAborted);
        if (file is null || file.DisputeId != disputeId)
        {
            return Problem.NotFound($"File {fileId} of dispute {disputeId}");
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentLength = file.Size;
        return Results.Stream(body => EvidenceFiles.CopyContentAsync(dataSource, fileId, body, http.RequestAborted), file.ContentType, file.Name);
    }
}
