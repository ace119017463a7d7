using Disputes.Api.Hosting;

namespace Disputes.Api.BusinessDays;

/// <summary>Registers the issuer's business-day calendar.</summary>
public static class BusinessDaySetup
{
    /// <summary>
    /// Reads <see cref="BusinessDayOptions"/> and registers the calendar they describe for the holds' autopay cut-off.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The settings describe no calendar, each bad key and value named; or a list is given as one value
    /// (<c>Disputes__BusinessDays__Holidays=2025-01-09</c>), which would bind to nothing, silently: a list is given one key
    /// per date (<c>Holidays:0</c>, <c>Holidays__0</c>).
    /// </exception>
    public static void AddDisputesBusinessDays(this WebApplicationBuilder builder)
    {
        foreach (var list in new[] { nameof(BusinessDayOptions.Holidays), nameof(BusinessDayOptions.OpenOn) })
        {
            if (builder.Configuration.GetSection($"{BusinessDayOptions.Section}:{list}").Value is { Length: > 0 } single)
            {
                throw new InvalidOperationException($"{BusinessDayOptions.Section}:{list} is given as one value ('{single}'); give one key per date: "
                    + $"{BusinessDayOptions.Section}:{list}:0, :1, ... (environment: Disputes__BusinessDays__{list}__0).");
            }
        }

        var settings = builder.AddSettings<BusinessDayOptions>();
        builder.Services.AddSingleton(settings.Read().Calendar
            ?? throw new InvalidOperationException($"{BusinessDayOptions.Section} describes no business-day calendar."));
    }
}
