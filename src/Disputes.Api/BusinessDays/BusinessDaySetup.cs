using Disputes.Domain.BusinessDays;
using Microsoft.Extensions.Options;

namespace Disputes.Api.BusinessDays;

/// <summary>Registers the issuer's business-day calendar.</summary>
public static class BusinessDaySetup
{
    /// <summary>
    /// Binds <see cref="BusinessDayOptions"/>, validated at start, and registers the <see cref="BusinessDayCalendar"/> they
    /// describe for the holds' autopay cut-off.
    /// </summary>
    public static IServiceCollection AddDisputesBusinessDays(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<BusinessDayOptions>, BusinessDayOptionsValidation>();
        services.AddOptions<BusinessDayOptions>().BindConfiguration(BusinessDayOptions.Section).ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<BusinessDayOptions>>().Value.Read().Calendar
            ?? throw new InvalidOperationException($"{BusinessDayOptions.Section} describes no business-day calendar."));
        return services;
    }
}
