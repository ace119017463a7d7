using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Disputes.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Disputes.Api.Identity;

/// <summary>Configuration section <c>Disputes:Operations</c>: who may read the operator's endpoints.</summary>
public sealed class OperationsOptions : ISettings, IValidatableObject
{
    /// <inheritdoc/>
    public static string Section => "Disputes:Operations";

    /// <summary>
    /// The bearer token a metrics scraper or an operator sends (<c>Authorization: Bearer ...</c>) to read
    /// <c>/metrics</c> and the detailed readiness report; at least 32 characters. Unset outside Development,
    /// both stay closed (the probes still answer healthy or unhealthy).
    /// </summary>
    public string? Token { get; set; }

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Token) && Token.Trim().Length < SigningKeys.MinimumLength)
        {
            yield return new ValidationResult($"must have at least {SigningKeys.MinimumLength} characters.", [nameof(Token)]);
        }
    }
}

/// <summary>
/// Decides whether a request may read what the operator sees: the Prometheus scrape and the readiness checks one
/// by one. Open in Development; elsewhere only with the configured operations token, compared in constant time.
/// </summary>
public static class OperationsAccess
{
    /// <summary>Registers <see cref="OperationsOptions"/>, refusing at start-up a token that is too short to be secret.</summary>
    public static void AddOperationsAccess(this WebApplicationBuilder builder) => builder.AddSettings<OperationsOptions>();

    /// <summary>True when <paramref name="http"/> may read the operator's endpoints.</summary>
    public static bool Allows(HttpContext http)
    {
        if (http.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment())
        {
            return true;
        }

        var token = http.RequestServices.GetRequiredService<IOptions<OperationsOptions>>().Value.Token?.Trim();
        var sent = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return token is { Length: > 0 }
            && sent.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
