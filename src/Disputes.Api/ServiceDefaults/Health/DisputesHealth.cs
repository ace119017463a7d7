using System.Text.Json;
using Disputes.Api.Identity;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Disputes.Api.ServiceDefaults.Health;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (it can do its work: the database answers,
/// the schema is applied, Wolverine's durability agent runs the timers; where the asynchronous projections run
/// and how far they trail, which degrades but never fails readiness). Both anonymous, both JSON; readiness
/// answers 503 when any check fails, so a load balancer stops sending requests the node would answer with 503.
/// An anonymous caller reads only the overall status; the checks one by one are for the operator
/// (<see cref="OperationsAccess"/>).
/// </summary>
public static class DisputesHealth
{
    /// <summary>The path of the liveness probe.</summary>
    public const string LivePath = "/health/live";

    /// <summary>The path of the readiness probe.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>How long one readiness check may take before it counts as failed.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    private const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Registers the readiness checks.</summary>
    public static void AddDisputesHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            .AddCheck<SchemaHealthCheck>("schema", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            .AddCheck<DurabilityAgentHealthCheck>("durabilityAgent", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            .AddCheck<ProjectionsHealthCheck>("projections", HealthStatus.Degraded, [ReadyTag], CheckTimeout);

    /// <summary>Maps both probes, open to anonymous callers.</summary>
    public static void MapDisputesHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
                {
                    [HealthStatus.Healthy] = StatusCodes.Status200OK,
                    [HealthStatus.Degraded] = StatusCodes.Status200OK,
                    [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
                },
        })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    /// <summary>
    /// <c>{"status":"unhealthy"}</c>, and for the operator the checks too:
    /// <c>{"status":"unhealthy","checks":{"database":{"status":"unhealthy","description":"...","durationMs":3}}}</c>.
    /// Exceptions are reduced to their type name: a message may name hosts or users.
    /// </summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            Status = Name(report.Status),
            Checks = !OperationsAccess.Allows(http) ? null : report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new
                {
                    Status = Name(entry.Value.Status),
                    entry.Value.Description,
                    Error = entry.Value.Exception?.GetType().Name,
                    DurationMs = (long)entry.Value.Duration.TotalMilliseconds,
                }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json), http.RequestAborted);
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}
