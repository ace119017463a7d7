using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Disputes.Api.Identity;

/// <summary>
/// Signs tokens with the configured symmetric key: the development sign-in (<c>POST /api/dev/tokens</c>) and
/// the tests use it. A deployment with a real identity provider never calls it.
/// </summary>
/// <remarks>
/// Token lifetimes are checked by the JWT handler against ASP.NET's <see cref="TimeProvider"/>, not against
/// the business clock (<see cref="IClock"/>, which tests may set to 2025), so they are issued on it too.
/// </remarks>
public sealed class TokenIssuer(IOptions<AuthenticationOptions> options, TimeProvider time)
{
    /// <summary>How long an issued token is valid.</summary>
    public static readonly Duration Lifetime = Duration.FromHours(8);

    /// <summary>The signing key of the configuration, checked by <see cref="SigningKeys.Resolve"/> at start-up.</summary>
    /// <exception cref="InvalidOperationException">No key is configured.</exception>
    public static SymmetricSecurityKey KeyFrom(AuthenticationOptions options) =>
        options.SigningKey is { Length: >= SigningKeys.MinimumLength } key
            ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key))
            : throw new InvalidOperationException($"Configure {AuthenticationOptions.Section}:SigningKey or {AuthenticationOptions.Section}:Authority.");

    /// <summary>A signed token for <paramref name="subject"/> in <paramref name="role"/>, naming <paramref name="accountIds"/> for a cardmember.</summary>
    public string Issue(string role, string subject, IReadOnlyCollection<string>? accountIds = null)
    {
        var settings = options.Value;
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var claims = new List<Claim> { new(Roles.SubjectClaim, subject), new(Roles.RoleClaim, role) };
        claims.AddRange((accountIds ?? []).Select(account => new Claim(Roles.AccountClaim, account)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.ToDateTimeUtc(),
            NotBefore = now.ToDateTimeUtc(),
            Expires = (now + Lifetime).ToDateTimeUtc(),
            SigningCredentials = new SigningCredentials(KeyFrom(settings), SecurityAlgorithms.HmacSha256),
        });
    }
}
