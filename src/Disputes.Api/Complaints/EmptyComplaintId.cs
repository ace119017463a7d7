using Disputes.Api.Problems;

namespace Disputes.Api.Complaints;

/// <summary>
/// Answers 404 for a complaint route whose id is the empty GUID before any endpoint loads it, as
/// <see cref="Disputes.EmptyDisputeId"/> does for disputes: Marten refuses to load a stream by it with an exception.
/// </summary>
public static class EmptyComplaintId
{
    /// <summary>The route value every complaint route names its complaint by.</summary>
    public const string RouteValue = "complaintId";

    /// <summary>The middleware; runs after routing, so the route's values are known.</summary>
    public static async Task RefuseAsync(HttpContext http, RequestDelegate next)
    {
        if (http.GetRouteValue(RouteValue) is string raw && Guid.TryParse(raw, out var id) && id == Guid.Empty)
        {
            await Problem.NotFound($"Complaint {id}").ExecuteAsync(http);
            return;
        }

        await next(http);
    }
}
