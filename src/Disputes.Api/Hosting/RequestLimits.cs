using Disputes.Api.Problems;

namespace Disputes.Api.Hosting;

/// <summary>
/// Refuses request bodies over <see cref="MaxBodyBytes"/> with 413 before they are read, under Kestrel and
/// any other server alike (Kestrel's own limit covers bodies without a Content-Length).
/// </summary>
public sealed class RequestLimits(RequestDelegate next)
{
    /// <summary>The largest request body accepted, in bytes (64 KiB: a dispute with its longest texts fits ten times over).</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public Task InvokeAsync(HttpContext context) =>
        context.Request.ContentLength > MaxBodyBytes
            ? Problem.TooLarge(MaxBodyBytes).ExecuteAsync(context)
            : next(context);
}
