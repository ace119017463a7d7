using Disputes.Api.Problems;

namespace Disputes.Api.Disputes;

/// <summary>
/// Answers 404 for a dispute route whose id is the empty GUID before any endpoint loads it: no dispute has that id, and
/// Marten refuses to load a stream by it with an exception, which would otherwise answer 500.
/// </summary>
public static class EmptyDisputeId
{
    /// <summary>The route value every dispute route names its dispute by.</summary>
    public const string RouteValue = "disputeId";

    /// <summary>The middleware; runs after routing, so the route's values are known.</summary>
    public static async Task RefuseAsync(HttpContext http, RequestDelegate next)
    {
        if (http.GetRouteValue(RouteValue) is string raw && Guid.TryParse(raw, out var id) && id == Guid.Empty)
        {
            await Problem.NotFound($"Dispute {id}").ExecuteAsync(http);
            return;
        }

        await next(http);
    }
}
