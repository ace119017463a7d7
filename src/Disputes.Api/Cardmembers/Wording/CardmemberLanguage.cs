using Microsoft.Net.Http.Headers;

namespace Disputes.Api.Cardmembers.Wording;

/// <summary>Chooses the cardmember's language from <c>Accept-Language</c>: Spanish for <c>es</c> or any <c>es-*</c>, else English.</summary>
public static class CardmemberLanguage
{
    /// <summary>
    /// The supported language the caller prefers most: ranges by descending q-value (ties in the order sent),
    /// skipping q=0; <c>*</c> and anything unsupported fall through to the default, English.
    /// </summary>
    public static ICardmemberWording For(HttpRequest request)
    {
        var ranked = request.GetTypedHeaders().AcceptLanguage
            .Select((range, order) => (Tag: range.Value.Value ?? "", Quality: range.Quality ?? 1, Order: order))
            .Where(range => range.Quality > 0)
            .OrderByDescending(range => range.Quality)
            .ThenBy(range => range.Order);
        foreach (var (tag, _, _) in ranked)
        {
            if (Is(tag, "es"))
            {
                return SpanishWording.Instance;
            }

            if (Is(tag, "en") || tag == "*")
            {
                return EnglishWording.Instance;
            }
        }

        return EnglishWording.Instance;
    }

    /// <summary>Answers in the chosen language and tells caches the answer depends on <c>Accept-Language</c>.</summary>
    public static void Announce(HttpResponse response, ICardmemberWording words)
    {
        response.Headers.ContentLanguage = words.Language;
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
    }

    private static bool Is(string tag, string language) =>
        tag.Equals(language, StringComparison.OrdinalIgnoreCase)
        || tag.StartsWith(language + "-", StringComparison.OrdinalIgnoreCase);
}
