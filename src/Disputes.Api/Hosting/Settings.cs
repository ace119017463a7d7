using System.ComponentModel.DataAnnotations;

namespace Disputes.Api.Hosting;

/// <summary>A class of settings bound from one configuration section.</summary>
public interface ISettings
{
    /// <summary>The configuration section the settings are read from, e.g. <c>Disputes:RateLimits</c>.</summary>
    static abstract string Section { get; }
}

/// <summary>
/// The one way the service reads its configuration. Each feature declares its settings as an <see cref="ISettings"/>
/// class beside it, with its rules as data annotations (or <see cref="IValidatableObject"/>), and adds it here.
/// </summary>
public static class Settings
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from its section: registered as <c>IOptions&lt;T&gt;</c>, validated when the host
    /// starts, and returned, already checked, for what must be configured while the host is built (Wolverine's
    /// durability agent, Kestrel, the rate limiter, the JWT bearer).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A value cannot be read as its type or breaks a rule: the service refuses to start, the message naming the setting.
    /// </exception>
    public static T AddSettings<T>(this IHostApplicationBuilder builder) where T : class, ISettings, new()
    {
        builder.Services.AddOptions<T>().BindConfiguration(T.Section).ValidateDataAnnotations().ValidateOnStart();
        var settings = builder.Configuration.GetSection(T.Section).Get<T>() ?? new T();
        var broken = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), broken, validateAllProperties: true))
        {
            // A rule about one setting is named by its key; a rule about several names its keys itself.
            throw new InvalidOperationException(string.Join(" ", broken.Select(rule => rule.MemberNames.Any()
                ? $"{T.Section}:{string.Join(",", rule.MemberNames)}: {rule.ErrorMessage}"
                : rule.ErrorMessage)));
        }

        return settings;
    }
}
