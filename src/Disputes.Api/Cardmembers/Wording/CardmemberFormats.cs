using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Disputes.Api.Cardmembers.Wording;

/// <summary>Dates and money written for a culture; shared by the wordings so they differ only in words.</summary>
internal sealed class CardmemberFormats(CultureInfo culture, string datePattern)
{
    private readonly LocalDatePattern date = LocalDatePattern.Create(datePattern, culture);

    /// <summary>A date in the culture's words, e.g. "April 2, 2025" or "2 de abril de 2025".</summary>
    public string Date(LocalDate value) => date.Format(value);

    /// <summary>
    /// Dollars as "$127.43" (the issuer's cardmembers are in the US, in either language); other currencies
    /// as the number followed by the ISO code, "127.43 EUR", so no symbol is ever ambiguous.
    /// </summary>
    public string Money(decimal amount, string currency) =>
        currency == "USD"
            ? "$" + amount.ToString("N2", culture)
            : $"{amount.ToString("N2", culture)} {currency}";
}
