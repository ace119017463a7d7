using System.Security.Claims;

namespace Disputes.Api.Identity;

/// <summary>Who is calling, from the validated token.</summary>
/// <param name="Subject">The caller's user name or id (<c>sub</c>).</param>
/// <param name="Role">The caller's role.</param>
/// <param name="AccountIds">For a cardmember: the accounts the token names.</param>
public sealed record Caller(string Subject, string Role, IReadOnlySet<string> AccountIds)
{
    /// <summary>The caller of a request; anonymous callers get subject <c>anonymous</c>.</summary>
    public static Caller Of(ClaimsPrincipal user) => new(
        user.FindFirstValue(Roles.SubjectClaim) ?? "anonymous",
        user.FindFirstValue(Roles.RoleClaim) ?? "",
        user.FindAll(Roles.AccountClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));

    /// <summary>How the caller is recorded on the events it causes, e.g. <c>agent:agent-7</c>.</summary>
    public string Actor => $"{Role}:{Subject}";
}
