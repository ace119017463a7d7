namespace Disputes.Api.Hosting;

/// <summary>
/// The web console (<c>wwwroot/</c>): static HTML, hand-written JavaScript modules and one stylesheet, served by
/// the service on its own port. The files are public; every API call they make carries the caller's bearer token.
/// </summary>
public static class WebConsole
{
    /// <summary>
    /// Pages may load only what the service itself serves: no script, style, font or image from anywhere else,
    /// no inline script, no framing by other sites.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Serves <c>index.html</c> for <c>/</c> and the files of the web root, with the security headers.</summary>
    public static void UseWebConsole(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XFrameOptions = "DENY";

                    // Pages change with each release and hold no data: always revalidate.
                    headers.CacheControl = "no-cache";
                }
            },
        });
    }
}
