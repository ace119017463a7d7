using NodaTime;

namespace Disputes.Api.Hosting;

/// <summary>Configuration section <c>Disputes:Clocks</c>.</summary>
public sealed class ClockOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Disputes:Clocks";

    /// <summary>
    /// The issuer's processing time zone, a TZDB id (e.g. <c>America/Chicago</c>); unset by default. When set, a notice is
    /// timely when it is timely in either the account's zone or this one, and every deadline is the earlier of the two
    /// readings (rule book, "Dates and time zones").
    /// </summary>
    public string? ProcessingTimeZone { get; set; }
}

/// <summary>
/// The issuer's processing time zone as the program sets it (<see cref="ClockOptions.ProcessingTimeZone"/>), read once at
/// start. Intake records it on each dispute it opens, so a later change of the setting moves no open dispute's clocks.
/// </summary>
/// <param name="Zone">The zone; null when the program sets none.</param>
public sealed record ProcessingTimeZone(DateTimeZone? Zone)
{
    /// <summary>The setting in <paramref name="configuration"/>.</summary>
    /// <exception cref="InvalidOperationException">The setting names no TZDB zone: the service refuses to start, naming it.</exception>
    public static ProcessingTimeZone FromConfiguration(IConfiguration configuration)
    {
        var id = configuration.GetSection(ClockOptions.Section).Get<ClockOptions>()?.ProcessingTimeZone;
        if (string.IsNullOrWhiteSpace(id))
        {
            return new ProcessingTimeZone((DateTimeZone?)null);
        }

        return new ProcessingTimeZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim())
            ?? throw new InvalidOperationException(
                $"{ClockOptions.Section}:ProcessingTimeZone is '{id}', which is not a TZDB time zone id (e.g. America/Chicago); set one or leave it unset."));
    }
}
