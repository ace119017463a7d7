using System.Globalization;
using Disputes.Domain.Notices;
using NodaTime;
using NodaTime.Text;

namespace Disputes.Api.Notices;

/// <summary>
/// Dates and amounts as a letter writes them in its language: dates in long form ("April 2, 2025", "2 de abril de 2025"),
/// dollars as "$1,234.56" in both (the issuer's cardmembers are in the US, and es-US writes amounts so too).
/// </summary>
internal sealed class LetterFormats
{
    private static readonly LetterFormats English = new(CultureInfo.GetCultureInfo("en-US"), "MMMM d, uuuu");
    private static readonly LetterFormats Spanish = new(CultureInfo.GetCultureInfo("es-US"), "d 'de' MMMM 'de' uuuu");

    private readonly CultureInfo culture;
    private readonly LocalDatePattern date;

    private LetterFormats(CultureInfo culture, string datePattern)
    {
        this.culture = culture;
        date = LocalDatePattern.Create(datePattern, culture);
    }

    /// <summary>The formats of <paramref name="language"/>.</summary>
    public static LetterFormats For(NoticeLanguage language) => language switch
    {
        NoticeLanguage.En => English,
        NoticeLanguage.Es => Spanish,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Not a notice language."),
    };

    /// <summary>A date in long form.</summary>
    public string Date(LocalDate value) => date.Format(value);

    /// <summary>A date in long form, or null.</summary>
    public string? Date(LocalDate? value) => value is { } day ? Date(day) : null;

    /// <summary>
    /// Dollars as "$127.43"; any other currency (none is billed today) as the number and its ISO code, "127.43 EUR", so
    /// no symbol is ever ambiguous.
    /// </summary>
    public string Money(decimal amount, string currency) =>
        currency == "USD" ? "$" + amount.ToString("N2", culture) : $"{amount.ToString("N2", culture)} {currency}";
}
