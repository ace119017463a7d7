using System.Text.Json;
using Disputes.Api.Disputes;
using Disputes.Domain.Complaints;
using Disputes.Domain.Disputes;
using JasperFx;
using JasperFx.Events;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Disputes.Api.Problems;

/// <summary>
/// Turns the exceptions a request can end in into problem details, so that bad input and races answer
/// 4xx and a database outage answers 503; only a genuine bug is left to answer 500.
/// </summary>
public sealed class ExceptionProblems(ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var result = ToResult(exception, context);
        if (result is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            return false;
        }

        if (exception is Notices.Issued.IssuedNoticeTampered)
        {
            // Answered, but never quietly: a letter that changed after it was issued is an integrity incident.
            logger.LogCritical(exception, "A stored letter does not match its record ({Path})", context.Request.Path);
        }

        await result.ExecuteAsync(context);
        return true;
    }

    private static IResult? ToResult(Exception exception, HttpContext context)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case JsonException json:
                    return Problem.Validation(FieldOf(json.Path), "has the wrong type or format, or the JSON is malformed.");
                case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                    return Problem.TooLarge();
                case BadHttpRequestException bad:
                    return Problem.Unreadable(bad.StatusCode);
                case DisputeFieldViolation field:
                    return Problem.Validation(field.Violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Message).ToArray()));
                case DisputeRuleViolation rule:
                    return Problem.RuleViolation(rule.Rule, rule.Message);
                case ComplaintFieldViolation field:
                    return Problem.Validation(field.Field, field.Reason);
                case ComplaintRuleViolation rule:
                    return Problem.RuleViolation(rule.Rule, rule.Message);
                case Notices.NoticeScreeningViolation refused:
                    return Problem.LetterRefused(refused.Message);
                case Notices.Issued.IssuedNoticeTampered:
                    return Problem.LetterWithheld();
                case DecidedVersionMissing missing:
                    return Problem.VersionRequired(missing.What);
                case DecidedVersionStale stale:
                    return Problem.VersionConflict(stale.Message, stale.What);
                case Wolverine.Persistence.RequiredDataMissingException missing:
                    return Problem.NotFound(missing.Message);
                case ConcurrencyException { DocType: { } type } when type.Contains(nameof(Webhooks.Subscribing.WebhookSubscription), StringComparison.OrdinalIgnoreCase):
                    return Problem.VersionConflict("The webhook subscription changed meanwhile (a rotation, or its receiver answered 410). Read it again and retry.");
                // The exception does not always say which stream lost the race (Marten's fallback translation knows only the
                // constraint), but the route does: a complaint's steps name it by complaintId. The handler sees the request's
                // route values through the feature, since the middleware clears them before it runs.
                case ConcurrencyException when context.Features.Get<IExceptionHandlerFeature>()?.RouteValues?.ContainsKey(EmptyStreamId.ComplaintRouteValue) == true:
                    return Problem.VersionConflict("The complaint changed since the version you sent. Reload it and decide again.", Complaints.ComplaintAnswer.What);
                case ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException:
                    return Problem.VersionConflict("The dispute changed since the version you sent. Reload it and decide again.");
                case NpgsqlException npgsql when Unavailable(npgsql):
                case TimeoutException:
                    return Problem.Unavailable();
            }
        }

        return null;
    }

    /// <summary>
    /// Whether PostgreSQL could not serve the request rather than refused it: a transient error, any failure of
    /// Npgsql's own to reach or talk to a server (not a <see cref="PostgresException"/>; with several hosts, "no suitable
    /// host" while the primary is gone and no standby is promoted yet, or an aggregate of each host's failure), or a
    /// write that reached a server in recovery (25006) during a failover.
    /// </summary>
    private static bool Unavailable(NpgsqlException exception) => exception switch
    {
        { IsTransient: true } => true,
        PostgresException postgres => postgres.SqlState == "25006",
        _ => true,
    };

    private static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "body";
        }

        var field = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }
}
