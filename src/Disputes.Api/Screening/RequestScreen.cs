using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Disputes.Api.Hosting;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.ServiceDefaults.Limits;
using Disputes.Domain.Screening;
using Microsoft.AspNetCore.Http.Metadata;

namespace Disputes.Api.Screening;

/// <summary>
/// Screens everything of an API request that could be stored, logged or echoed before any endpoint runs (rule book
/// section 7): the path's segments, the query string, the <c>X-Correlation-Id</c> header, and in a JSON body every
/// property name, every string and number, and the request type's <see cref="FreeTextAttribute">free text</see>
/// joined. A full card number, security code, SSN or one-time passcode anywhere refuses the request with 422,
/// naming where it was found but never the value; nothing is stored.
/// </summary>
/// <remarks>
/// Endpoints never screen by hand: a new request type is covered by this middleware alone, and marking its
/// free-text members joins them. Property names are screened too because System.Text.Json's error message (which
/// Wolverine logs and answers with) names every property read before a syntax error, unknown ones as well.
/// </remarks>
public sealed class RequestScreen(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<Type, HashSet<string>> FreeTextMembers = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        // An upload's token is the service's own random credential, and its body is a file, not text a caller typed:
        // a PDF's bytes can hold a run of digits that passes the Luhn check, and reading it here would buffer 10 MB.
        var upload = Evidence.UploadRoute.Matches(request.Path);
        if (((upload ? null : InPath(request.Path)) ?? InQuery(request.Query) ?? InCorrelationId(request.Headers)) is { } found)
        {
            await Problem.SensitiveData(found.Where, found.Kind).ExecuteAsync(context);
            return;
        }

        if (!upload && request.ContentLength is null or (> 0 and <= RequestLimits.MaxBodyBytes) && HasBody(request))
        {
            // Read once here and again by the endpoint; the body is at most 64 KiB (RequestLimits and Kestrel
            // refuse larger ones, also while this reads a body sent without a length). Whatever its declared
            // content type, a body that parses as JSON is screened as JSON.
            request.EnableBuffering(bufferThreshold: (int)RequestLimits.MaxBodyBytes);
            var body = await ReadAsync(request, context.RequestAborted);
            request.Body.Position = 0;
            if (InJson(body, FreeTextOf(context)) is { } inBody)
            {
                await Problem.SensitiveData(inBody.Where, inBody.Kind).ExecuteAsync(context);
                return;
            }

            // A body of JSON null binds no request at all; every endpoint wants an object (or no body), so it is
            // refused here, once, instead of reaching a handler that reads the request's fields.
            if (IsJsonNull(body))
            {
                await Problem.Validation("body", "must be a JSON object, not null.").ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }

    private static bool IsJsonNull(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).SequenceEqual("null"u8);

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    private static (string Where, SensitiveDataKind Kind)? InPath(PathString path)
    {
        foreach (var segment in (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            // A dispute id in the path is a GUID, which the screen reads as an identifier whatever its digits.
            if (SensitiveDataScreen.Find(segment) is { } kind)
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

    private static (string Where, SensitiveDataKind Kind)? InCorrelationId(IHeaderDictionary headers)
    {
        foreach (var value in headers[AuditStamp.CorrelationHeader])
        {
            if (SensitiveDataScreen.Find(value) is { } kind)
            {
                return (AuditStamp.CorrelationHeader, kind);
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

    /// <summary>
    /// The first secret in <paramref name="json"/>, read up to its first syntax error: in a property name, a string
    /// or number value (named by its property), or in the <paramref name="freeText"/> members joined.
    /// </summary>
    private static (string Where, SensitiveDataKind Kind)? InJson(byte[] json, HashSet<string> freeText)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var joined = new List<string?>();
        var joinedNames = new List<string>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        if (SensitiveDataScreen.Find(property) is { } inName)
                        {
                            return ("body", inName);
                        }

                        break;
                    case JsonTokenType.String or JsonTokenType.Number:
                        var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan);
                        if (SensitiveDataScreen.Find(value) is { } inValue)
                        {
                            return (property ?? "body", inValue);
                        }

                        if (reader.CurrentDepth <= 2 && property is not null && freeText.Contains(property))
                        {
                            joined.Add(value);
                            if (!joinedNames.Contains(property))
                            {
                                joinedNames.Add(property);
                            }
                        }

                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed JSON or an unreadable name (a lone surrogate): the endpoint refuses it with 400, and its
            // message can only name properties this loop has already screened. Text that is not JSON at all lands
            // here at once and is screened whole.
            if (reader.BytesConsumed == 0 && json.Length > 0 && SensitiveDataScreen.Find(Encoding.UTF8.GetString(json)) is { } inText)
            {
                return ("body", inText);
            }
        }

        // Each value was screened alone above; only their join is left.
        return joined.Count > 1 && SensitiveDataScreen.Find(string.Join(' ', joined)) is { } acrossFields
            ? (string.Join(", ", joinedNames), acrossFields)
            : null;
    }

    /// <summary>The JSON names of the free-text members of the endpoint's request type.</summary>
    private static HashSet<string> FreeTextOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } type
            ? FreeTextMembers.GetOrAdd(type, MarkedMembers)
            : [];

    private static HashSet<string> MarkedMembers(Type type)
    {
        // A positional record's attribute lands on its constructor parameter unless targeted at the property.
        var marked = type.GetProperties()
            .Where(p => p.IsDefined(typeof(FreeTextAttribute)))
            .Select(p => p.Name)
            .Concat(type.GetConstructors().SelectMany(c => c.GetParameters())
                .Where(p => p.IsDefined(typeof(FreeTextAttribute))).Select(p => p.Name!));
        return marked.Select(JsonNamingPolicy.CamelCase.ConvertName).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
