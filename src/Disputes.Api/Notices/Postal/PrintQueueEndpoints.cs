using System.IO.Compression;
using System.Security.Claims;
using Disputes.Api.Compliance.Audit;
using Disputes.Api.Identity;
using Disputes.Api.Notices.Issued;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Disputes.Domain.Holds;
using Disputes.Domain.Notices;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Notices.Postal;

/// <summary>A letter waiting in the print queue, as the mail vendor and compliance see it.</summary>
/// <param name="NoticeId">The notice id.</param>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="Kind">The notice kind, snake case.</param>
/// <param name="Language">The letter's language.</param>
/// <param name="PdfSha256">The SHA-256 of the letter's PDF.</param>
/// <param name="QueuedAt">When it was queued.</param>
/// <param name="Meets">The clock its mailing meets.</param>
/// <param name="DueOn">That clock's due date, when pending at queuing.</param>
/// <param name="BreachesAt">When that clock breaches unless the mailing is confirmed first.</param>
/// <param name="BatchId">The batch it was collected in, if collected.</param>
public sealed record QueuedLetterResponse(
    Guid NoticeId, Guid DisputeId, string CaseNumber, string Kind, string Language, string PdfSha256, Instant QueuedAt, string Meets,
    LocalDate? DueOn, Instant? BreachesAt, Guid? BatchId)
{
    /// <summary>The response for <paramref name="letter"/>.</summary>
    public static QueuedLetterResponse From(PostalLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return new(letter.Id, letter.DisputeId, letter.CaseNumber, NoticeKinds.Name(letter.Kind), NoticeLanguages.Code(letter.Language), letter.PdfSha256,
            letter.QueuedAt, FieldErrors.SnakeCase(letter.Meets), letter.DueOn, letter.BreachesAt, letter.BatchId);
    }
}

/// <summary>A print batch as created or confirmed.</summary>
/// <param name="BatchId">The batch id: <c>GET /api/notices/print-batches/{id}</c> downloads it.</param>
/// <param name="CreatedAt">When it was collected.</param>
/// <param name="Letters">Its letters.</param>
/// <param name="MailedAt">When the vendor handed it to the post, once confirmed.</param>
public sealed record PrintBatchResponse(Guid BatchId, Instant CreatedAt, IReadOnlyList<QueuedLetterResponse> Letters, Instant? MailedAt);

/// <summary>Body of <c>POST /api/notices/print-batches/{id}/mailed</c>.</summary>
/// <param name="MailedAt">When the vendor handed the batch to the post: not in the future, not before the batch was collected.</param>
public sealed record ConfirmMailingRequest(Instant? MailedAt);

/// <summary>
/// The postal channel (rule book section 8: the date a notice is sent meets a clock): the print queue, the batches the
/// mail vendor collects, and its confirmation that a batch was handed to the post, which sends each letter.
/// </summary>
public static class PrintQueueEndpoints
{
    /// <summary>200 with every letter not yet mailed, the soonest breach first.</summary>
    [Authorize(Policy = Policies.ReadPrintQueue)]
    [WolverineGet("/api/notices/print-queue")]
    [ProducesResponseType(typeof(IReadOnlyList<QueuedLetterResponse>), StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<QueuedLetterResponse>> GetQueue(IQuerySession session, CancellationToken cancellation)
    {
        var letters = await session.Query<PostalLetter>().Where(l => l.MailedAt == null).ToListAsync(cancellation);
        return [.. letters.OrderBy(l => l.BreachesAt ?? Instant.MaxValue).ThenBy(l => l.QueuedAt).Select(QueuedLetterResponse.From)];
    }

    /// <summary>
    /// 201 with a new batch of every queued letter not yet in one; 409 when there is none. Two vendors collecting at once
    /// cannot take the same letter: each letter's document is versioned, and the second commit is refused.
    /// </summary>
    [Authorize(Policy = Policies.PrintNotices)]
    [WolverinePost("/api/notices/print-batches")]
    [ProducesResponseType(typeof(PrintBatchResponse), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> CreateBatch(IDocumentSession session, IClock clock, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var letters = (await session.Query<PostalLetter>().Where(l => l.BatchId == null && l.MailedAt == null).ToListAsync(cancellation))
            .OrderBy(l => l.QueuedAt).ThenBy(l => l.Id).ToList();
        if (letters.Count == 0)
        {
            return Problem.NotAllowedNow("No letter is waiting in the print queue.");
        }

        var batch = new PrintBatch(Guid.CreateVersion7(), clock.GetCurrentInstant(), Caller.Of(user).Actor, [.. letters.Select(l => l.Id)]);
        var collected = letters.Select(l => l with { BatchId = batch.Id }).ToList();
        session.Insert(batch);
        foreach (var letter in collected)
        {
            session.Update(letter);
        }

        await session.SaveChangesAsync(cancellation);
        return Results.Created($"/api/notices/print-batches/{batch.Id}",
            new PrintBatchResponse(batch.Id, batch.CreatedAt, [.. collected.Select(QueuedLetterResponse.From)], null));
    }

    /// <summary>
    /// 200 with the batch as a ZIP: each letter's PDF, served from its hash-checked copy, and <c>manifest.csv</c> (notice
    /// id, case number, kind, language, PDF SHA-256, file name); 404 for an unknown batch.
    /// </summary>
    [Authorize(Policy = Policies.PrintNotices)]
    [WolverineGet("/api/notices/print-batches/{batchId}")]
    [ProducesResponseType(typeof(FileContentResult), StatusCodes.Status200OK, "application/zip")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Download(Guid batchId, IQuerySession session, CancellationToken cancellation)
    {
        var batch = await session.LoadAsync<PrintBatch>(batchId, cancellation);
        if (batch is null)
        {
            return Problem.NotFound("The print batch");
        }

        var letters = await LettersOf(session, batch, cancellation);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var letter in letters)
            {
                // The copy is checked against the hash its notice_queued_for_post recorded: the vendor prints what was issued, or nothing.
                var stored = await IssuedNotices.FindAsync(session, letter.Id, letter.PdfSha256, cancellation)
                    ?? throw new InvalidOperationException($"The queued letter {letter.Id} has no stored copy.");
                await WriteEntryAsync(archive, letter.FileName, stored.Pdf, cancellation);
            }

            var manifest = CsvExports.Write(
                ["notice_id", "case_number", "kind", "language", "pdf_sha256", "file_name"],
                letters.Select(l => (IReadOnlyList<string>)[l.Id.ToString(), l.CaseNumber, NoticeKinds.Name(l.Kind), NoticeLanguages.Code(l.Language), l.PdfSha256, l.FileName]));
            await WriteEntryAsync(archive, "manifest.csv", System.Text.Encoding.UTF8.GetBytes(manifest), cancellation);
        }

        return Results.File(zip.ToArray(), "application/zip", $"print-batch-{batch.Id}.zip");
    }

    /// <summary>
    /// 200 with the batch once the vendor confirms it was handed to the post at <c>mailedAt</c>: each letter is sent then
    /// (its <c>notice_issued</c>, by post) and a queued acknowledgment meets its clock then, all in one transaction, each
    /// dispute deciding as every command does (the breaches due by now first, so a clock that breached before this
    /// confirmation stays breached). 400 for a missing, future or too early <c>mailedAt</c>; 404 for an unknown batch;
    /// 409 when the batch was confirmed already.
    /// </summary>
    [Authorize(Policy = Policies.PrintNotices)]
    [WolverinePost("/api/notices/print-batches/{batchId}/mailed")]
    [ProducesResponseType(typeof(PrintBatchResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> ConfirmMailed(
        Guid batchId, ConfirmMailingRequest? request, IDocumentSession session, IClock clock, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var batch = await session.LoadAsync<PrintBatch>(batchId, cancellation);
        if (batch is null)
        {
            return Problem.NotFound("The print batch");
        }

        var now = clock.GetCurrentInstant();
        var errors = new FieldErrors();
        var mailedAt = errors.Required("mailedAt", request?.MailedAt);
        if (mailedAt > now)
        {
            errors.Add("mailedAt", "must not be in the future.");
        }
        else if (mailedAt < batch.CreatedAt)
        {
            errors.Add("mailedAt", "must not be before the batch was collected.");
        }

        if (errors.ToResultOrNull() is { } invalid)
        {
            return invalid;
        }

        if (batch.MailedAt is { } already)
        {
            return Problem.NotAllowedNow($"The batch was confirmed as mailed at {already} already.");
        }

        var letters = await LettersOf(session, batch, cancellation);
        session.LastModifiedBy = Caller.Of(user).Actor;
        foreach (var group in letters.GroupBy(l => l.DisputeId))
        {
            // Each dispute's stream is fetched for writing: a command committed on it meanwhile fails this confirmation
            // with 409, and the vendor confirms again.
            var stream = await session.Events.FetchForWriting<Dispute>(group.Key, cancellation);
            if (stream.Aggregate is not { } dispute)
            {
                continue;
            }

            var decided = MailPostalNotices.Decide(dispute, [.. group.Select(l => l.Id)], mailedAt!.Value, now);
            stream.AppendMany([.. FollowDispute.WithHold(dispute, decided)]);
        }

        var mailed = letters.Select(l => l with { MailedAt = mailedAt }).ToList();
        foreach (var letter in mailed)
        {
            session.Update(letter);
        }

        session.Update(batch with { MailedAt = mailedAt, ConfirmedAt = now });
        await session.SaveChangesAsync(cancellation);
        return Results.Ok(new PrintBatchResponse(batch.Id, batch.CreatedAt, [.. mailed.Select(QueuedLetterResponse.From)], mailedAt));
    }

    private static async Task<IReadOnlyList<PostalLetter>> LettersOf(IQuerySession session, PrintBatch batch, CancellationToken cancellation)
    {
        var letters = await session.LoadManyAsync<PostalLetter>(cancellation, batch.NoticeIds);
        var byId = letters.ToDictionary(l => l.Id);
        return [.. batch.NoticeIds.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    private static async Task WriteEntryAsync(ZipArchive archive, string name, byte[] bytes, CancellationToken cancellation)
    {
        // A fixed timestamp, so the same batch downloads as the same bytes.
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var target = await entry.OpenAsync(cancellation);
        await target.WriteAsync(bytes, cancellation);
    }
}

/// <summary>Registers the print queue's documents.</summary>
public static class PostalSetup
{
    /// <summary>
    /// The queued letters, versioned so two batches or two confirmations cannot take the same letter, and the batches.
    /// </summary>
    public static StoreOptions AddPostalLetters(this StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Schema.For<PostalLetter>().UseOptimisticConcurrency(true).Duplicate(l => l.DisputeId);
        options.Schema.For<PrintBatch>();
        return options;
    }
}
