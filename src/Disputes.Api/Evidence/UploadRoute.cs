namespace Disputes.Api.Evidence;

/// <summary>
/// The cardmember's upload address, <c>/api/uploads/{token}/files</c>, as the middleware that runs before routing sees it:
/// its body is a file (larger than any JSON body, and never screened as text), and its token segment is the service's
/// own random credential, not text a caller typed.
/// </summary>
public static class UploadRoute
{
    /// <summary>The route pattern.</summary>
    public const string Pattern = "/api/uploads/{token}/files";

    /// <summary>Whether <paramref name="path"/> is an upload address, in any spelling that routes to it.</summary>
    public static bool Matches(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 4
            && segments[0].Equals("api", StringComparison.OrdinalIgnoreCase)
            && segments[1].Equals("uploads", StringComparison.OrdinalIgnoreCase)
            && segments[3].Equals("files", StringComparison.OrdinalIgnoreCase);
    }
}
