using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Disputes.Api.Hosting;
using Disputes.Domain.BusinessDays;
using NodaTime;
using NodaTime.Text;

namespace Disputes.Api.BusinessDays;

/// <summary>
/// Configuration section <c>Disputes:BusinessDays</c>: the issuer's business days (12 CFR 1026.2(a)(6)), which decide the
/// autopay cut-off of every hold placed. By default the Federal Reserve's holidays (rule book section 4); the program adds
/// its own closings to them, takes out holidays its offices work, or replaces the list.
/// </summary>
public sealed class BusinessDayOptions : ISettings, IValidatableObject
{
    /// <inheritdoc/>
    public static string Section => "Disputes:BusinessDays";

    /// <summary>The <see cref="Basis"/> of the Federal Reserve's holidays, the default.</summary>
    public const string FederalReserveBasis = "FederalReserve";

    /// <summary>The <see cref="Basis"/> of no computed holidays: the list is <see cref="Holidays"/> alone.</summary>
    public const string NoBasis = "None";

    /// <summary>
    /// Where the list starts from: <c>FederalReserve</c> (the default: US federal holidays as the Federal Reserve observes
    /// them, computed for every year from 2000 to 2099) or <c>None</c> (the list is <see cref="Holidays"/> alone, for the
    /// years <see cref="FirstYear"/> to <see cref="LastYear"/>, which are then required).
    /// </summary>
    public string Basis { get; set; } = FederalReserveBasis;

    /// <summary>
    /// Weekdays the issuer's offices are closed besides the basis, as ISO dates (<c>2025-01-09</c>): a national day of
    /// mourning, a closing the Fed does not keep. Added to the basis, never replacing it.
    /// </summary>
    public string[] Holidays { get; set; } = [];

    /// <summary>
    /// Holidays of the basis on which the issuer's offices are open for substantially all of their business, as ISO dates:
    /// they count as business days. Each must be a holiday of the basis.
    /// </summary>
    public string[] OpenOn { get; set; } = [];

    /// <summary>
    /// The first year the list is complete for. Required with <c>None</c>; with <c>FederalReserve</c> it narrows the years
    /// (2000 by default). A date in an earlier year is refused rather than counted with no holidays.
    /// </summary>
    public int? FirstYear { get; set; }

    /// <summary>The last year the list is complete for; required with <c>None</c>, 2099 by default with <c>FederalReserve</c>.</summary>
    public int? LastYear { get; set; }

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Read().Errors.Select(error => new ValidationResult(error));

    /// <summary>
    /// The calendar these settings describe, or every reason they describe none, each naming its key and value.
    /// </summary>
    public (BusinessDayCalendar? Calendar, IReadOnlyList<string> Errors) Read()
    {
        var errors = new List<string>();
        var federalReserve = string.Equals(Basis?.Trim(), FederalReserveBasis, StringComparison.OrdinalIgnoreCase);
        if (!federalReserve && !string.Equals(Basis?.Trim(), NoBasis, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{Section}:Basis is '{Basis}'; it must be '{FederalReserveBasis}' (the default) or '{NoBasis}'.");
        }

        var (firstYear, lastYear) = Years(federalReserve, errors);
        var closed = Dates(nameof(Holidays), Holidays, firstYear, lastYear, errors);
        var open = Dates(nameof(OpenOn), OpenOn, firstYear, lastYear, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (federalReserve && closed.Count == 0 && open.Count == 0 && FirstYear is null && LastYear is null)
        {
            return (BusinessDayCalendar.FederalReserve, errors);
        }

        var basis = federalReserve ? BusinessDayCalendar.FederalReserveFor(firstYear, lastYear) : new BusinessDayCalendar([], firstYear, lastYear);
        foreach (var (key, date) in open.Where(o => !basis.Holidays.Contains(o.Date)))
        {
            errors.Add($"{key} is {date:yyyy-MM-dd}, which is no holiday of the {(federalReserve ? "Federal Reserve's list" : "list")} "
                + "(a date listed there can be marked open; any other weekday is a business day already).");
        }

        foreach (var (key, date) in open.Where(o => closed.Any(c => c.Date == o.Date)))
        {
            errors.Add($"{key} is {date:yyyy-MM-dd}, which {Section}:Holidays lists as closed too; keep it in one list.");
        }

        return errors.Count > 0
            ? (null, errors)
            : (basis.With(closed.Select(c => c.Date), open.Select(o => o.Date)), errors);
    }

    private (int First, int Last) Years(bool federalReserve, List<string> errors)
    {
        int first, last;
        if (federalReserve)
        {
            first = FirstYear ?? BusinessDayCalendar.FederalReserveFirstYear;
            last = LastYear ?? BusinessDayCalendar.FederalReserveLastYear;
            if (first < BusinessDayCalendar.FederalReserveFirstYear || last > BusinessDayCalendar.FederalReserveLastYear)
            {
                errors.Add($"{Section}:FirstYear and LastYear are {first}-{last}; the Federal Reserve's list is computed for "
                    + $"{BusinessDayCalendar.FederalReserveFirstYear}-{BusinessDayCalendar.FederalReserveLastYear} only.");
            }
        }
        else
        {
            if (FirstYear is null || LastYear is null)
            {
                errors.Add($"{Section}:FirstYear and {Section}:LastYear are required with Basis '{NoBasis}': the years the list of holidays is complete for.");
                return (0, -1);
            }

            (first, last) = (FirstYear.Value, LastYear.Value);
        }

        if (last < first)
        {
            errors.Add($"{Section}:LastYear ({last}) is before {Section}:FirstYear ({first}).");
        }

        return (first, last);
    }

    private static List<(string Key, LocalDate Date)> Dates(string name, string[]? values, int firstYear, int lastYear, List<string> errors)
    {
        var dates = new List<(string, LocalDate)>();
        for (var i = 0; i < (values?.Length ?? 0); i++)
        {
            var key = $"{Section}:{name}:{i.ToString(CultureInfo.InvariantCulture)}";
            var text = values![i]?.Trim() ?? "";
            if (LocalDatePattern.Iso.Parse(text) is not { Success: true } parsed)
            {
                errors.Add($"{key} is '{values[i]}', which is not a date; write it yyyy-MM-dd, e.g. 2025-01-09.");
                continue;
            }

            var date = parsed.Value;
            if (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            {
                errors.Add($"{key} is {date:yyyy-MM-dd}, a {date.DayOfWeek}: weekends are never business days, so listing it changes nothing; "
                    + "give the weekday the closing is observed on.");
                continue;
            }

            if (lastYear >= firstYear && (date.Year < firstYear || date.Year > lastYear))
            {
                errors.Add($"{key} is {date:yyyy-MM-dd}, outside the years the list is complete for ({firstYear}-{lastYear}).");
                continue;
            }

            dates.Add((key, date));
        }

        return dates;
    }
}
