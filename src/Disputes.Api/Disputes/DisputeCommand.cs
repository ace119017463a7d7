using System.Reflection;
using Disputes.Domain.Disputes;
using Disputes.Domain.Holds;
using Microsoft.AspNetCore.Http.Metadata;
using Wolverine.Marten;

namespace Disputes.Api.Disputes;

/// <summary>
/// What every command on a dispute shares. Each command is one endpoint on Wolverine's aggregate handler workflow:
/// Wolverine loads the dispute for writing (<c>[WriteAggregate]</c>, 404 when there is none), the endpoint checks the
/// version the caller decided on (<see cref="DecidedVersion"/>), the domain decides the events, Wolverine appends
/// them and commits once, and <see cref="DisputeAnswer"/> answers with the dispute as it now stands. Marten checks
/// the version again at commit, so of two commands decided on the same version exactly one is stored.
/// </summary>
public static class DisputeCommand
{
    /// <summary>The entity tag of a dispute version: the version number, quoted.</summary>
    public static string ETagFor(long version) => $"\"{version}\"";

    /// <summary>
    /// The answer to a command: the events the domain <paramref name="decided"/> and what they do to the dispute's hold,
    /// to append, and the dispute they lead to.
    /// </summary>
    public static (DisputeAnswer Answer, Events Events) Answer(Dispute dispute, IReadOnlyList<object> decided)
    {
        var events = FollowDispute.WithHold(dispute, decided);
        return (new DisputeAnswer(events.Aggregate(dispute, (d, e) => d.Evolve(e))), [.. events]);
    }
}

/// <summary>
/// The version of a dispute a caller decided a command on: <c>expectedVersion</c> in the body, else the
/// <c>If-Match</c> header (the entity tag as sent back, <c>"3"</c>, or a bare <c>3</c>, which hand-written clients send).
/// </summary>
public static class DecidedVersion
{
    /// <summary>
    /// Checks that <paramref name="dispute"/> is still at the version the caller decided on.
    /// </summary>
    /// <exception cref="DecidedVersionMissing">Neither the body nor <c>If-Match</c> names a version (428).</exception>
    /// <exception cref="DecidedVersionStale">The dispute has moved on since (409).</exception>
    public static void Require(Dispute dispute, long? expectedVersion, string? ifMatch) =>
        Require(dispute.Version, expectedVersion, ifMatch, DecidedVersionStale.Dispute);

    /// <summary>
    /// Checks that a stream now at <paramref name="current"/> is still at the version the caller decided on; the refusals
    /// name the stream as <paramref name="what"/> (<c>dispute</c>, <c>complaint</c>).
    /// </summary>
    /// <exception cref="DecidedVersionMissing">Neither the body nor <c>If-Match</c> names a version (428).</exception>
    /// <exception cref="DecidedVersionStale">The stream has moved on since (409).</exception>
    public static void Require(long current, long? expectedVersion, string? ifMatch, string what)
    {
        var version = expectedVersion ?? FromIfMatch(ifMatch) ?? throw new DecidedVersionMissing(what);
        if (current != version)
        {
            throw new DecidedVersionStale(version, current, what);
        }
    }

    private static long? FromIfMatch(string? ifMatch)
    {
        var raw = (ifMatch ?? "").Trim();
        raw = raw.StartsWith("W/", StringComparison.Ordinal) ? raw[2..] : raw;
        return long.TryParse(raw.Trim('"'), out var version) ? version : null;
    }
}

/// <summary>A command came without the version it was decided on; answered 428.</summary>
/// <param name="what">What the command is on: <c>dispute</c> unless said.</param>
public sealed class DecidedVersionMissing(string what = DecidedVersionStale.Dispute) : InvalidOperationException($"The command names no {what} version.")
{
    /// <summary>What the command is on, e.g. <c>dispute</c>.</summary>
    public string What { get; } = what;
}

/// <summary>A command was decided on a version the dispute (or complaint) is no longer at; answered 409.</summary>
/// <param name="decidedOn">The version the caller decided on.</param>
/// <param name="current">The version now.</param>
/// <param name="what">What the command is on: <c>dispute</c> unless said.</param>
public sealed class DecidedVersionStale(long decidedOn, long current, string what = DecidedVersionStale.Dispute)
    : InvalidOperationException($"You decided on version {decidedOn}, but the {what} is at version {current}. Reload it and decide again.")
{
    /// <summary>How the refusals name a dispute.</summary>
    public const string Dispute = "dispute";

    /// <summary>The version the caller decided on.</summary>
    public long DecidedOn { get; } = decidedOn;

    /// <summary>The version now.</summary>
    public long Current { get; } = current;

    /// <summary>What the command is on, e.g. <c>dispute</c>.</summary>
    public string What { get; } = what;
}

/// <summary>The dispute as the agent API shows it, with its version as the entity tag.</summary>
/// <param name="Dispute">The dispute after the command.</param>
/// <param name="As">Which answer: 200 for a command or a read, 201 for a new dispute, 200 with its address for a repeated intake.</param>
public sealed record DisputeAnswer(Dispute Dispute, DisputeAnswer.Kind As = DisputeAnswer.Kind.Current) : IResult, IEndpointMetadataProvider
{
    /// <summary>Which answer a <see cref="DisputeAnswer"/> is.</summary>
    public enum Kind
    {
        /// <summary>200: the dispute as it now stands.</summary>
        Current,

        /// <summary>201 with its address: the dispute was just opened.</summary>
        Created,

        /// <summary>200 with its address: the intake was repeated, and this is the dispute the first one opened.</summary>
        Repeated,

        /// <summary>202: the resolution was proposed and waits for a supervisor's approval; the dispute is still pending.</summary>
        Proposed,
    }

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var location = $"/api/disputes/{Dispute.Id}";
        httpContext.Response.Headers.ETag = DisputeCommand.ETagFor(Dispute.Version);
        if (As == Kind.Repeated)
        {
            httpContext.Response.Headers.Location = location;
        }

        var body = DisputeResponse.From(Dispute);
        var result = As switch
        {
            Kind.Created => Results.Created(location, body),
            Kind.Proposed => Results.Json(body, statusCode: StatusCodes.Status202Accepted),
            _ => Results.Ok(body),
        };
        return result.ExecuteAsync(httpContext);
    }

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(DisputeResponse), ["application/json"]));
}
