using Disputes.Api.Hosting;

namespace Disputes.Api.Identity;

/// <summary>
/// Configuration section <c>Disputes:Auth</c>. Either an <see cref="Authority"/> (an OpenID Connect identity
/// provider whose keys are fetched from its metadata) or a <see cref="SigningKey"/> (a shared HMAC key).
/// </summary>
public sealed class AuthenticationOptions : ISettings
{
    /// <inheritdoc/>
    public static string Section => "Disputes:Auth";

    /// <summary>The expected <c>iss</c> of tokens.</summary>
    public string Issuer { get; set; } = "disputes";

    /// <summary>The expected <c>aud</c> of tokens.</summary>
    public string Audience { get; set; } = "disputes-api";

    /// <summary>An OpenID Connect authority, e.g. <c>https://login.example.com/realms/issuer</c>; optional.</summary>
    public string? Authority { get; set; }

    /// <summary>A symmetric signing key of at least 32 characters (HMAC-SHA256); used when no authority is set.</summary>
    public string? SigningKey { get; set; }
}
