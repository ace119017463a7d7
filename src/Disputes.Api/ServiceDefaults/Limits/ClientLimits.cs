using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Disputes.Api.Hosting;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace Disputes.Api.ServiceDefaults.Limits;

/// <summary>Configuration section <c>Disputes:RateLimits</c>.</summary>
public sealed class RateLimitOptions : ISettings
{
    /// <inheritdoc/>
    public static string Section => "Disputes:RateLimits";

    /// <summary>
    /// How many <c>POST /api/disputes</c> one client may send per minute, as a burst or spread out (600 unless
    /// configured: ten a second, far above what a chat agent types, low enough to stop a runaway script).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int IntakePerMinute { get; set; } = 600;

    /// <summary>
    /// How many anonymous evidence uploads one address may send per minute (30 unless configured: a cardmember sends
    /// at most 20 files to a dispute, and a leaked link cannot be used to flood the database).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int UploadsPerMinute { get; set; } = 30;
}

/// <summary>
/// What one client may ask of the service: a rate limit per client on intake (the one endpoint that creates
/// streams and draws case numbers), and explicit Kestrel limits on request headers. The body limit is
/// <see cref="RequestLimits"/>.
/// </summary>
public static class ClientLimits
{
    /// <summary>The most request headers Kestrel accepts (its default is 100; a client of this API sends about ten).</summary>
    public const int MaxRequestHeaderCount = 64;

    /// <summary>The largest total size of the request headers, in bytes (32 KiB: a bearer token is about 1 KiB).</summary>
    public const int MaxRequestHeadersTotalSize = 32 * 1024;

    /// <summary>
    /// The rate-limiting policy of intake, attached to its endpoint (<c>[EnableRateLimiting(IntakePolicy)]</c>), so
    /// every spelling of the path that routes to it (<c>/api/disputes/</c>, <c>/API/Disputes</c>) shares one allowance.
    /// </summary>
    public const string IntakePolicy = "intake";

    /// <summary>
    /// The rate-limiting policy of the anonymous evidence upload: per remote address,
    /// <see cref="RateLimitOptions.UploadsPerMinute"/> a minute, so a link that leaked cannot be used to fill the database.
    /// </summary>
    public const string UploadPolicy = "evidence-upload";

    /// <summary>The longest request line (method, path and query), in bytes.</summary>
    public const int MaxRequestLineSize = 8 * 1024;

    /// <summary>Registers the intake rate limiter and the header limits.</summary>
    /// <exception cref="InvalidOperationException">A configured limit is below 1.</exception>
    public static void AddDisputesLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.AddSettings<RateLimitOptions>();

        // A token bucket holding a minute's allowance, refilled evenly: a burst of the whole allowance is allowed,
        // and a client that keeps sending gets the per-minute rate. Refills at most once a second, because the
        // limiter's refill timer ticks every 100 ms at best and a finer period would cap a high limit below itself.
        var period = TimeSpan.FromSeconds(Math.Max(1, 60.0 / settings.IntakePerMinute));
        var tokensPerPeriod = (int)Math.Ceiling(settings.IntakePerMinute * period.TotalMinutes);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(IntakePolicy, http => RateLimitPartition.GetTokenBucketLimiter(ClientOf(http), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.IntakePerMinute,
                TokensPerPeriod = tokensPerPeriod,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            limiter.AddPolicy(UploadPolicy, http => RateLimitPartition.GetFixedWindowLimiter(ClientOf(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.UploadsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => RejectAsync(rejected, period);
        });

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestHeaderCount = MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestHeadersTotalSize = MaxRequestHeadersTotalSize;
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineSize;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        });
    }

    /// <summary>
    /// Adds the rate limiter. Call it after authentication, so a signed-in caller is counted by its subject
    /// (several agents behind one proxy share an address, not a subject), and before authorization.
    /// </summary>
    public static void UseDisputesLimits(this WebApplication app) => app.UseRateLimiter();

    /// <summary>The caller's subject claim when signed in, else its remote address.</summary>
    private static string ClientOf(HttpContext http) =>
        http.User.FindFirst(Roles.SubjectClaim)?.Value is { Length: > 0 } subject
            ? "sub:" + subject
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask RejectAsync(OnRejectedContext rejected, TimeSpan period)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : period;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var http = rejected.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await (Evidence.UploadRoute.Matches(http.Request.Path) ? Problem.TooManyUploads(seconds) : Problem.TooManyIntakes(seconds)).ExecuteAsync(http);
    }
}
