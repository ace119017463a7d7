using Disputes.Api.Problems;

namespace Disputes.Api.Identity;

/// <summary>Body of <c>POST /api/dev/tokens</c>.</summary>
/// <param name="Role">agent, supervisor, compliance or cardmember.</param>
/// <param name="Subject">The user name to sign in as, e.g. <c>agent-7</c>.</param>
/// <param name="AccountIds">For a cardmember: the accounts the token may see.</param>
public sealed record DevelopmentTokenRequest(string? Role, string? Subject, IReadOnlyList<string>? AccountIds);

/// <summary>
/// The Development-only sign-in: a signed token for any role, so the API can be tried without an identity
/// provider. Mapped only in the Development environment; elsewhere the route does not exist.
/// </summary>
public static class DevelopmentTokens
{
    /// <summary>Maps <c>POST /api/dev/tokens</c>.</summary>
    public static void MapDevelopmentTokens(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/dev/tokens", (DevelopmentTokenRequest? request, TokenIssuer issuer) =>
        {
            var errors = new FieldErrors();
            if (request?.Role is not { } role || !Roles.All.Contains(role))
            {
                errors.Add("role", $"must be one of: {string.Join(", ", Roles.All)}.");
            }

            var subject = errors.Text("subject", request?.Subject, 100);
            var accounts = request?.AccountIds ?? [];
            if (request?.Role == Roles.Cardmember && accounts.Count == 0)
            {
                errors.Add("accountIds", "a cardmember token must name at least one account.");
            }

            return errors.IsEmpty
                ? Results.Ok(new { accessToken = issuer.Issue(request!.Role!, subject!, accounts) })
                : errors.ToResult();
        })
        .AllowAnonymous()
        .WithTags("Development")
        .WithSummary("Development sign-in: a signed token for any role.");
}
