using System.Security.Cryptography;
using Disputes.Api.Disputes;
using Disputes.Api.Hosting;
using Disputes.Api.Problems;
using Disputes.Api.ServiceDefaults.Limits;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Investigating;
using Disputes.Domain.Screening;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Evidence;

/// <summary>What was stored of an upload.</summary>
/// <param name="FileId">The stored file's id.</param>
/// <param name="Name">The name it is kept under.</param>
/// <param name="Type">Its media type, as its bytes showed.</param>
/// <param name="Size">Its stored size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the stored bytes.</param>
/// <param name="UploadedAt">When it was stored.</param>
public sealed record UploadedEvidence(Guid FileId, string Name, string Type, long Size, string Sha256, Instant UploadedAt);

/// <summary>
/// The cardmember uploads one file through a link, without signing in: the link's token is the credential. The body
/// is the file itself (any Content-Type; it is not trusted), its name in the <c>X-File-Name</c> header, percent-encoded
/// UTF-8. A raw body rather than multipart: one file per request needs no form parser, nothing is buffered to disk, and
/// the limit applies to the file's own bytes.
/// </summary>
public static class UploadEvidenceEndpoint
{
    /// <summary>The header naming the file.</summary>
    public const string FileNameHeader = "X-File-Name";

    /// <summary>
    /// 201 with what was stored, and a <c>documents_received</c> step on the dispute; 403 for a signed-in cardmember of
    /// another account; 404 for a token no link has, 410 for
    /// an expired or revoked link, 400 empty, 413 over 10 MB, 415 not a PDF, JPEG or PNG, 409 when the dispute has 20
    /// files or is closed. A refused upload stores nothing.
    /// </summary>
    [AllowAnonymous]
    [EnableRateLimiting(ClientLimits.UploadPolicy)]
    [WolverinePost(UploadRoute.Pattern)]
    [ProducesResponseType(typeof(UploadedEvidence), StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status410Gone, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public static async Task<IResult> Post(string token, HttpContext http, IDocumentSession session, IClock clock)
    {
        var cancellation = http.RequestAborted;
        var hash = UploadLink.HashOf(token);
        var link = await session.Query<UploadLink>().Where(l => l.TokenSha256 == hash).FirstOrDefaultAsync(cancellation);
        if (link is null)
        {
            // The same answer for every wrong token, so guessing teaches nothing.
            return Problem.NotFound("This upload link");
        }

        var now = clock.GetCurrentInstant();
        if (!link.IsUsableAt(now))
        {
            return Problem.LinkGone();
        }

        var received = await ReceivedUpload.ReceiveAsync(http, EvidenceFiles.MaxFileBytes, cancellation);
        if (received is null)
        {
            return Problem.TooLarge(EvidenceFiles.MaxFileBytes);
        }

        if (received.Length == 0)
        {
            return Problem.Validation("file", "is empty; send the file's bytes as the request body.");
        }

        if (EvidenceFileKinds.Of(received.Head) is not { } kind)
        {
            return Problem.UnsupportedFile("The file's contents are not a PDF, a JPEG or a PNG, whatever its name says.");
        }

        var sentName = http.Request.Headers[FileNameHeader].ToString();
        if (SensitiveDataScreen.Find(Uri.UnescapeDataString(sentName)) is { } secret)
        {
            return Problem.SensitiveData(FileNameHeader, secret);
        }

        // A PDF is stored as sent, streamed from the temporary file into its row at commit; an image has to be decoded
        // whole to be encoded anew without its metadata.
        var image = kind == EvidenceFileKind.Pdf ? null : EvidenceImages.WithoutMetadata(await received.ReadAllAsync(cancellation), kind);
        if (kind != EvidenceFileKind.Pdf && image is null)
        {
            return Problem.UnsupportedFile("The image cannot be read.");
        }

        // Read for writing before counting: of two uploads racing for the 20th place, the dispute's version lets one commit.
        var stream = await session.Events.FetchForWriting<Dispute>(link.DisputeId, cancellation);
        if (stream.Aggregate is not { } dispute)
        {
            return Problem.NotFound("This upload link");
        }

        // No sign-in is needed, but a cardmember who is signed in uploads only to disputes of their own accounts: a link
        // forwarded to, or guessed by, another cardmember does not become theirs.
        var caller = Identity.Caller.Of(http.User);
        if (caller.Role == Identity.Roles.Cardmember && !caller.AccountIds.Contains(dispute.AccountId))
        {
            return Problem.NotYours("This upload link is for a dispute on another account; nothing was stored.");
        }

        if (await session.Query<EvidenceFile>().CountAsync(f => f.DisputeId == link.DisputeId, cancellation) >= EvidenceFiles.MaxPerDispute)
        {
            return Problem.FileLimit(EvidenceFiles.MaxPerDispute);
        }

        var file = new EvidenceFile
        {
            Id = Guid.NewGuid(),
            DisputeId = link.DisputeId,
            Name = EvidenceFileName.Clean(sentName, kind),
            ContentType = EvidenceFileKinds.MediaType(kind),
            Size = image?.Length ?? received.Length,
            Sha256 = image is null ? received.Sha256 : Convert.ToHexStringLower(SHA256.HashData(image)),
            ReceivedSha256 = received.Sha256,
            UploadedBy = $"cardmember via link {link.Id}",
            LinkId = link.Id,
            UploadedAt = now,
        };
        var (_, events) = DisputeCommand.Answer(dispute, InvestigationSteps.ReceiveDocuments(
            dispute, DocumentSource.Cardmember, $"{file.Name} ({file.ContentType}, {file.Size} bytes), uploaded through a link", now, [file.Id]));

        // No signed-in caller: the events and the file name the link they came through. Wolverine commits the session.
        session.LastModifiedBy = file.UploadedBy;
        EvidenceFiles.Keep(session, file, image is null ? received.Content : new MemoryStream(image, writable: false));
        stream.AppendMany(events);
        return Results.Created($"/api/disputes/{file.DisputeId}/files/{file.Id}",
            new UploadedEvidence(file.Id, file.Name, file.ContentType, file.Size, file.Sha256, file.UploadedAt));
    }
}
