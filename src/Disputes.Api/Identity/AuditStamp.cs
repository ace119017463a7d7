using System.Diagnostics;
using Marten;

namespace Disputes.Api.Identity;

/// <summary>
/// Records who caused the events of a request and under which correlation id, in Marten's event metadata
/// (<c>user_name</c>, <c>correlation_id</c>), so the audit history can answer "who did what, when".
/// </summary>
public static class AuditStamp
{
    /// <summary>The header a caller may send to correlate its requests; echoed on the answer.</summary>
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>The actor recorded on events raised by the breach timers.</summary>
    public const string TimerActor = "system:deadline-timer";

    /// <summary>
    /// Wolverine middleware on every endpoint that changes something: the events it appends carry the caller and the
    /// correlation id, whichever way the endpoint appends them.
    /// </summary>
    public static void Before(HttpContext http, IDocumentSession session) => session.StampWith(http);

    /// <summary>Stamps the session with the caller and the request's correlation id.</summary>
    public static void StampWith(this IDocumentSession session, HttpContext http)
    {
        session.LastModifiedBy = Caller.Of(http.User).Actor;
        session.CorrelationId = CorrelationIdOf(http);
    }

    /// <summary>The request's correlation id: the caller's, when well formed, else the trace id.</summary>
    public static string CorrelationIdOf(HttpContext http)
    {
        if (http.Items.TryGetValue(CorrelationHeader, out var known) && known is string id)
        {
            return id;
        }

        var sent = http.Request.Headers[CorrelationHeader].ToString();
        // A caller's id that reads like a card number, SSN or passcode is not used: it would be echoed and stored
        // in every event's metadata.
        id = sent is { Length: > 0 and <= 64 } && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            && Domain.Screening.SensitiveDataScreen.Find(sent) is null
            ? sent
            : Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        http.Items[CorrelationHeader] = id;
        http.Response.Headers[CorrelationHeader] = id;
        return id;
    }
}
