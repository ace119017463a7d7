namespace Disputes.Domain.Notices;

/// <summary>The issuer facts a notice carries (rule book section 8: each notice names the issuer).</summary>
/// <param name="Name">The issuer's name as it signs its letters, e.g. <c>Example Bank, N.A.</c>; not blank.</param>
public sealed record NoticeIssuer(string Name);
