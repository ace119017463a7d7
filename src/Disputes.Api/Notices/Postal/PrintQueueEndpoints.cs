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
using Wolverine;
using Wolverine.Http;

namespace Disputes.Api.Notices.Postal;

/// <summary>A clock a queued letter's mailing would meet, still pending.</summary>
/// <param name="Clock"><c>acknowledgment</c> or <c>resolution</c>.</param>
/// <param name="DueOn">Its due date, in the account's time zone.</param>
/// <param name="BreachesAt">When it breaches unless the mailing is confirmed first: the start of the day after <paramref name="DueOn"/>.</param>
public sealed record QueuedLetterClock(string Clock, LocalDate DueOn, Instant BreachesAt);

/// <summary>A letter waiting in the print queue, as the mail vendor and compliance see it.</summary>
/// <param name="NoticeId">The notice id.</param>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="Kind">The notice kind, snake case.</param>
/// <param name="Language">The letter's language.</param>
/// <param name="PdfSha256">The SHA-256 of the letter's PDF.</param>
/// <param name="QueuedAt">When it was queued.</param>
/// <param name="Meets">
/// The pending clock its mailing meets that breaches first: <c>acknowledgment</c> for an acknowledgment; for a correction
/// or explanation <c>resolution</c>, or <c>acknowledgment</c> while that clock is pending and due sooner; null when the
/// mailing meets no pending clock (a request for documents, or clocks already breached).
/// </param>
/// <param name="DueOn">That clock's due date.</param>
/// <param name="BreachesAt">When that clock breaches unless the mailing is confirmed first: the time to beat.</param>
/// <param name="BatchId">The batch it was collected in, if collected.</param>
/// <param name="Clocks">Every pending clock its mailing meets, soonest breach first (a correction or explanation meets both).</param>
public sealed record QueuedLetterResponse(
    Guid NoticeId, Guid DisputeId, string CaseNumber, string Kind, string Language, string PdfSha256, Instant QueuedAt, string? Meets,
    LocalDate? DueOn, Instant? BreachesAt, Guid? BatchId, IReadOnlyList<QueuedLetterClock> Clocks)
{
    /// <summary>The response for <paramref name="letter"/>, with the clocks of <paramref name="dispute"/> (as it stands) its mailing would meet.</summary>
    public static QueuedLetterResponse From(PostalLetter letter, Dispute? dispute)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var zone = dispute?.TimeZone;
        var clocks = letter.ClocksAwaiting(dispute)
            .Select(c => new QueuedLetterClock(FieldErrors.SnakeCase(c.Clock), c.DueOn!.Value, c.BreachInstant(zone!)!.Value))
            .ToList();
        var first = clocks.FirstOrDefault();
        return new(letter.Id, letter.DisputeId, letter.CaseNumber, NoticeKinds.Name(letter.Kind), NoticeLanguages.Code(letter.Language), letter.PdfSha256,
            letter.QueuedAt, first?.Clock, first?.DueOn, first?.BreachesAt, letter.BatchId, clocks);
    }

    /// <summary>The responses for <paramref name="letters"/>, each with its dispute as stored.</summary>
    public static async Task<IReadOnlyList<QueuedLetterResponse>> ForAsync(IQuerySession session, IReadOnlyList<PostalLetter> letters, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(letters);
        var disputes = (await session.LoadManyAsync<Dispute>(cancellation, letters.Select(l => l.DisputeId).Distinct()))
            .ToDictionary(d => d.Id);
        return [.. letters.Select(l => From(l, disputes.GetValueOrDefault(l.DisputeId)))];
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
    /// <summary>
    /// 200 with every letter not yet mailed, the soonest breach first (letters that meet no pending clock last, oldest
    /// queued first), each with the clocks its mailing meets as the dispute stands now.
    /// </summary>
    [Authorize(Policy = Policies.ReadPrintQueue)]
    [WolverineGet("/api/notices/print-queue")]
    [ProducesResponseType(typeof(IReadOnlyList<QueuedLetterResponse>), StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<QueuedLetterResponse>> GetQueue(IQuerySession session, CancellationToken cancellation)
    {
        var letters = await session.Query<PostalLetter>().Where(l => l.MailedAt == null).ToListAsync(cancellation);
        var answered = await QueuedLetterResponse.ForAsync(session, [.. letters], cancellation);
        return [.. answered.OrderBy(l => l.BreachesAt ?? Instant.MaxValue).ThenBy(l => l.QueuedAt)];
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
            new PrintBatchResponse(batch.Id, batch.CreatedAt, await QueuedLetterResponse.ForAsync(session, collected, cancellation), null));
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
    /// (its <c>notice_issued</c>, by post) and meets its clocks then (an acknowledgment the acknowledgment clock; a
    /// correction or explanation the resolution clock, and the acknowledgment clock while pending; a request for documents
    /// none), all in one transaction, each dispute deciding as every command does (the breaches due by now first, so a
    /// clock that breached before this confirmation stays breached). An explanation with money owed starts the payment
    /// period then. 400 for a missing, future or too early <c>mailedAt</c>; 404 for an unknown batch; 409 when the batch
    /// was confirmed already. The letters answered show the clocks still pending after the mailing (none, when in time).
    /// </summary>
    [Authorize(Policy = Policies.PrintNotices)]
    [WolverinePost("/api/notices/print-batches/{batchId}/mailed")]
    [ProducesResponseType(typeof(PrintBatchResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> ConfirmMailed(
        Guid batchId, ConfirmMailingRequest? request, IDocumentSession session, IClock clock, ClaimsPrincipal user, IMessageBus bus,
        Holds.HoldTimers holdTimers, CancellationToken cancellation)
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
        var after = new Dictionary<Guid, Dispute>();
        foreach (var group in letters.GroupBy(l => l.DisputeId))
        {
            // Each dispute's stream is fetched for writing: a command committed on it meanwhile fails this confirmation
            // with 409, and the vendor confirms again.
            var stream = await session.Events.FetchForWriting<Dispute>(group.Key, cancellation);
            if (stream.Aggregate is not { } dispute)
            {
                continue;
            }

            var decided = FollowDispute.WithHold(dispute, MailPostalNotices.Decide(dispute, [.. group.Select(l => l.Id)], mailedAt!.Value, now));
            stream.AppendMany([.. decided]);
            after[dispute.Id] = decided.Aggregate(dispute, (d, e) => d.Evolve(e));

            // An explanation's payment period starts at the mailing; its end is a durable timer, in this transaction.
            await holdTimers.ScheduleAsync(bus, after[dispute.Id]);
        }

        var mailed = letters.Select(l => l with { MailedAt = mailedAt }).ToList();
        foreach (var letter in mailed)
        {
            session.Update(letter);
        }

        session.Update(batch with { MailedAt = mailedAt, ConfirmedAt = now });
        await session.SaveChangesAsync(cancellation);
        return Results.Ok(new PrintBatchResponse(batch.Id, batch.CreatedAt,
            [.. mailed.Select(l => QueuedLetterResponse.From(l, after.GetValueOrDefault(l.DisputeId)))], mailedAt));
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
