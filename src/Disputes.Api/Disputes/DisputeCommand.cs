using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Marten;
using NodaTime;

namespace Disputes.Api.Disputes;

/// <summary>
/// Runs one agent command against a dispute: load it for writing, check the version the caller decided
/// on, let the domain decide the events, append them. Marten checks the version again at commit, so of
/// two commands decided on the same version exactly one is stored.
/// </summary>
public static class DisputeCommand
{
    /// <summary>Runs <paramref name="decide"/> and answers 200 with the dispute as it now stands.</summary>
    public static async Task<IResult> RunAsync(
        HttpContext http,
        IDocumentSession session,
        IClock clock,
        Guid disputeId,
        long? expectedVersion,
        Func<Dispute, Instant, IReadOnlyList<object>> decide)
    {
        var version = expectedVersion ?? IfMatchVersion(http.Request);
        if (version is null)
        {
            return Problem.VersionRequired();
        }

        // No dispute has the empty id, and Marten refuses to fetch a stream by it (an exception, so a 500).
        if (disputeId == Guid.Empty)
        {
            return Problem.NotFound($"Dispute {disputeId}");
        }

        var stream = await session.Events.FetchForWriting<Dispute>(disputeId, http.RequestAborted);
        if (stream.Aggregate is not { } dispute)
        {
            return Problem.NotFound($"Dispute {disputeId}");
        }

        if (stream.CurrentVersion != version)
        {
            return Problem.VersionConflict(
                $"You decided on version {version}, but the dispute is at version {stream.CurrentVersion}. Reload it and decide again.");
        }

        var events = decide(dispute, clock.GetCurrentInstant());
        session.StampWith(http);
        stream.AppendMany(events);
        await session.SaveChangesAsync(http.RequestAborted);

        var updated = events.Aggregate(dispute, (d, e) => d.Evolve(e));
        return Ok(http, updated);
    }

    /// <summary>200 with the dispute and its version as the entity tag.</summary>
    public static IResult Ok(HttpContext http, Dispute dispute)
    {
        http.Response.Headers.ETag = ETagFor(dispute.Version);
        return Results.Ok(DisputeResponse.From(dispute));
    }

    /// <summary>The entity tag of a dispute version: the version number, quoted.</summary>
    public static string ETagFor(long version) => $"\"{version}\"";

    private static long? IfMatchVersion(HttpRequest request)
    {
        // Accepts the entity tag as sent back ("3") and a bare version (3), which hand-written clients send.
        var raw = request.Headers.IfMatch.ToString().Trim();
        raw = raw.StartsWith("W/", StringComparison.Ordinal) ? raw[2..] : raw;
        return long.TryParse(raw.Trim('"'), out var version) ? version : null;
    }
}
