namespace Disputes.Api.ServiceDefaults;

/// <summary>
/// Headers on every API answer, error answers included: <c>X-Content-Type-Options: nosniff</c>, so a browser never
/// runs a JSON or CSV answer as a script or page, and <c>Cache-Control: no-store</c>, so no cache or proxy keeps a
/// cardmember's dispute. Set as the answer starts, because the exception handler clears headers set earlier.
/// </summary>
public sealed class ApiResponseHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
