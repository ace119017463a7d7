using System.ComponentModel.DataAnnotations;
using Disputes.Api.Hosting;
using NodaTime;

namespace Disputes.Api.Disputes.Opening;

/// <summary>Configuration section <c>Disputes:Clocks</c>.</summary>
public sealed class ClockOptions : ISettings, IValidatableObject
{
    /// <inheritdoc/>
    public static string Section => "Disputes:Clocks";

    /// <summary>
    /// The issuer's processing time zone, a TZDB id (e.g. <c>America/Chicago</c>); unset by default. When set, a notice is
    /// timely when it is timely in either the account's zone or this one, and every deadline is the earlier of the two
    /// readings (rule book, "Dates and time zones").
    /// </summary>
    public string? ProcessingTimeZone { get; set; }

    /// <summary>The zone <see cref="ProcessingTimeZone"/> names; null when unset or when it names no TZDB zone.</summary>
    public DateTimeZone? Zone() =>
        string.IsNullOrWhiteSpace(ProcessingTimeZone) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(ProcessingTimeZone.Trim());

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(ProcessingTimeZone) && Zone() is null)
        {
            yield return new ValidationResult(
                $"'{ProcessingTimeZone}' is not a TZDB time zone id (e.g. America/Chicago); set one or leave it unset.",
                [nameof(ProcessingTimeZone)]);
        }
    }
}

/// <summary>
/// The issuer's processing time zone as the program sets it (<see cref="ClockOptions.ProcessingTimeZone"/>), read once at
/// start. Intake records it on each dispute it opens, so a later change of the setting moves no open dispute's clocks.
/// </summary>
/// <param name="Zone">The zone; null when the program sets none.</param>
public sealed record ProcessingTimeZone(DateTimeZone? Zone);
