using Disputes.Domain.Notices;

namespace Disputes.Api.Notices;

/// <summary>Registers what issuing a notice needs: the renderer of the reviewed templates and the issuer the letters are from.</summary>
public static class NoticesSetup
{
    /// <summary>The setting naming the issuer every letter is headed and signed with, e.g. <c>Example Bank, N.A.</c>.</summary>
    public const string IssuerNameSetting = "Disputes:Notices:IssuerName";

    /// <summary>
    /// Registers <see cref="NoticeRenderer"/> (one for the process, its templates read and parsed now, so a missing or
    /// broken template stops the service from starting instead of failing the first notice due) and the
    /// <see cref="NoticeIssuer"/> named by <see cref="IssuerNameSetting"/>.
    /// </summary>
    /// <remarks>
    /// The issuer's name has no default: a letter from a made-up bank is worse than none. Where the setting is absent,
    /// resolving <see cref="NoticeIssuer"/> fails saying so, and nothing else is affected.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A template is missing, does not parse or declares no version.</exception>
    public static WebApplicationBuilder AddDisputesNotices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(NoticeRenderer.FromOutput());
        builder.Services.AddSingleton<NoticeIssuing>();
        var issuer = builder.Configuration[IssuerNameSetting];
        builder.Services.AddSingleton(_ => string.IsNullOrWhiteSpace(issuer)
            ? throw new InvalidOperationException($"No notice can be issued: {IssuerNameSetting} is not set, and every notice names its issuer.")
            : new NoticeIssuer(issuer.Trim()));
        return builder;
    }
}
