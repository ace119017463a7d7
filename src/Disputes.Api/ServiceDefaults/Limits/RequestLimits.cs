using Disputes.Api.Problems;

namespace Disputes.Api.ServiceDefaults.Limits;

/// <summary>
/// Refuses request bodies over <see cref="MaxBodyBytes"/> with 413 before they are read, under Kestrel and
/// any other server alike (Kestrel's own limit covers bodies without a Content-Length).
/// </summary>
public sealed class RequestLimits(RequestDelegate next)
{
    /// <summary>The largest request body accepted, in bytes (64 KiB: a dispute with its longest texts fits ten times over).</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// Refuses a body over the limit of its route: <see cref="MaxBodyBytes"/>, or for an evidence upload
    /// <see cref="Evidence.EvidenceFiles.MaxFileBytes"/>, which is also given to Kestrel for that request alone, so a
    /// file sent without a length is cut off there too.
    /// </summary>
    public Task InvokeAsync(HttpContext context)
    {
        var limit = MaxBodyBytes;
        if (Evidence.UploadRoute.Matches(context.Request.Path))
        {
            limit = Evidence.EvidenceFiles.MaxFileBytes;
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                // One byte over, so the endpoint reads past the limit and answers with its own problem instead of Kestrel's.
                size.MaxRequestBodySize = limit + 1;
            }
        }

        return context.Request.ContentLength > limit
            ? Problem.TooLarge(limit).ExecuteAsync(context)
            : next(context);
    }
}
