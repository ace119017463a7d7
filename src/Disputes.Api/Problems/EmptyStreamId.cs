namespace Disputes.Api.Problems;

/// <summary>
/// Answers 404 for a dispute or complaint route whose id is the empty GUID before any endpoint loads it: nothing has that
/// id, and Marten refuses to load a stream by it with an exception, which would otherwise answer 500.
/// </summary>
public static class EmptyStreamId
{
    /// <summary>The route value every dispute route names its dispute by.</summary>
    public const string DisputeRouteValue = "disputeId";

    /// <summary>The route value every complaint route names its complaint by.</summary>
    public const string ComplaintRouteValue = "complaintId";

    private static readonly (string RouteValue, string Resource)[] Streams = [(DisputeRouteValue, "Dispute"), (ComplaintRouteValue, "Complaint")];

    /// <summary>The middleware; runs after routing, so the route's values are known.</summary>
    public static async Task RefuseAsync(HttpContext http, RequestDelegate next)
    {
        foreach (var (routeValue, resource) in Streams)
        {
            if (http.GetRouteValue(routeValue) is string raw && Guid.TryParse(raw, out var id) && id == Guid.Empty)
            {
                await Problem.NotFound($"{resource} {id}").ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    }
}
