using System.Text.Json;
using Disputes.Api.Hosting;
using Disputes.Api.Problems;
using Disputes.Domain.Screening;

namespace Disputes.Api.Screening;

/// <summary>
/// Screens the parts of an API request that reach the logs before any endpoint runs: the path's segments, the
/// query string, and the property names of a JSON body. A card number, security code, SSN or passcode in any of
/// them refuses the request with 422, as <see cref="FreeTextScreen"/> refuses it in a field.
/// </summary>
/// <remarks>
/// Without it a secret leaked even from refused requests: when a body fails to deserialize, Wolverine logs (and
/// answers with) System.Text.Json's message, whose JSON path names every property read so far, unknown ones too
/// (<c>Path: $['4111 1111 1111 1111']</c>), and the request path (<c>/api/accounts/4111111111111111</c>). The
/// values of known fields are screened by the endpoints; the names of unknown ones, and the path, are screened
/// here. Only the names of the JSON read before a syntax error can appear in its message, and those are the ones
/// read here before the reader stops.
/// </remarks>
public sealed class RequestScreen(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if ((InPath(request.Path) ?? InQuery(request.Query)) is { } found)
        {
            await Problem.SensitiveData(found.Where, found.Kind).ExecuteAsync(context);
            return;
        }

        if (request.HasJsonContentType() && request.ContentLength is null or (> 0 and <= RequestLimits.MaxBodyBytes))
        {
            // Read once here and again by the endpoint; the body is at most 64 KiB (RequestLimits and Kestrel
            // refuse larger ones, also while this reads a body sent without a length).
            request.EnableBuffering(bufferThreshold: (int)RequestLimits.MaxBodyBytes);
            var body = await ReadAsync(request, context.RequestAborted);
            request.Body.Position = 0;
            if (InPropertyNames(body) is { } kind)
            {
                await Problem.SensitiveData("body", kind).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }

    private static (string Where, SensitiveDataKind Kind)? InPath(PathString path)
    {
        foreach (var segment in (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            // A dispute id may, rarely, be all digits; it is the service's own, never a secret.
            if (!Guid.TryParse(segment, out _) && SensitiveDataScreen.Find(segment) is { } kind)
            {
                return ("path", kind);
            }
        }

        return null;
    }

    private static (string Where, SensitiveDataKind Kind)? InQuery(IQueryCollection query)
    {
        foreach (var (key, values) in query)
        {
            if (SensitiveDataScreen.Find(key) is { } inKey)
            {
                return ("query", inKey);
            }

            foreach (var value in values)
            {
                if (SensitiveDataScreen.Find(value) is { } kind)
                {
                    return ("query", kind);
                }
            }
        }

        return null;
    }

    private static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellation);
        return buffer.ToArray();
    }

    /// <summary>The first kind of secret in a property name of <paramref name="json"/>, read up to its first syntax error.</summary>
    private static SensitiveDataKind? InPropertyNames(byte[] json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && SensitiveDataScreen.Find(reader.GetString()) is { } kind)
                {
                    return kind;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed JSON or an unreadable name (a lone surrogate): the endpoint refuses it with 400, and its
            // message can only name properties this loop has already screened.
        }

        return null;
    }
}
