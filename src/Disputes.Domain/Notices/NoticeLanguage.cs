using Disputes.Domain.Disputes;

namespace Disputes.Domain.Notices;

/// <summary>The languages a notice is written in (rule book section 8: the consumer's language, English or Spanish).</summary>
public enum NoticeLanguage
{
    /// <summary>English, as written for the issuer's US cardmembers.</summary>
    En,

    /// <summary>Spanish, as written for the issuer's US cardmembers, in the formal "usted".</summary>
    Es,
}

/// <summary>The language codes of <see cref="NoticeLanguage"/>, as requests and template files spell them.</summary>
public static class NoticeLanguages
{
    /// <summary>The field a refused language is reported under, as the API names it.</summary>
    public const string Field = "language";

    /// <summary>The language of a dispute that named none: English.</summary>
    public const NoticeLanguage Default = NoticeLanguage.En;

    /// <summary>Every language, in declaration order.</summary>
    public static IReadOnlyList<NoticeLanguage> All { get; } = Enum.GetValues<NoticeLanguage>();

    /// <summary>The language's ISO 639-1 code, lower case: <c>en</c> or <c>es</c>; also the HTML <c>lang</c> of the letter.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="language"/> is not a declared language.</exception>
    public static string Code(NoticeLanguage language) => language switch
    {
        NoticeLanguage.En => "en",
        NoticeLanguage.Es => "es",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Not a notice language."),
    };

    /// <summary>
    /// Reads a language code: exactly <c>en</c> or <c>es</c>, in any case, with surrounding white space ignored.
    /// A regional tag (<c>es-MX</c>) is not a code: the notice's language is recorded, so it is named exactly.
    /// </summary>
    /// <param name="code">The code given with a command.</param>
    /// <param name="language">The language named; <see cref="Default"/> when <paramref name="code"/> names none.</param>
    /// <returns>True and the language when <paramref name="code"/> names one; false otherwise.</returns>
    public static bool TryParse(string? code, out NoticeLanguage language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "en":
                language = NoticeLanguage.En;
                return true;
            case "es":
                language = NoticeLanguage.Es;
                return true;
            default:
                language = Default;
                return false;
        }
    }

    /// <summary>Reads a language code as <see cref="TryParse"/> does, refusing anything else.</summary>
    /// <param name="code">The code given with a command.</param>
    /// <returns>The language named.</returns>
    /// <exception cref="DisputeFieldViolation">
    /// <paramref name="code"/> is not <c>en</c> or <c>es</c>; the field is <see cref="Field"/>, and the message names the
    /// codes accepted but never repeats the value given (it may be anything a caller typed).
    /// </exception>
    public static NoticeLanguage Parse(string? code) =>
        TryParse(code, out var language)
            ? language
            : throw new DisputeFieldViolation(Field, "must be \"en\" (English) or \"es\" (Spanish): notices are written in those languages only.");
}
