using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Disputes.Api.Evidence;

/// <summary>
/// A link an agent sends the cardmember so they can upload evidence without signing in: the link's token is the only
/// credential, so only its SHA-256 is kept, and the token itself is shown once, to the agent who made it.
/// </summary>
/// <remarks>
/// Kept as a Marten document, not as dispute events: a link is a credential with a life of its own (it expires, it is
/// revoked), not a fact of the investigation, and the dispute's event log is replayed into projections and sent to
/// webhook subscribers, where even a token's hash has no business. What the cardmember sends through it is a fact, and
/// is recorded on the dispute (<c>documents_received</c> with the file ids). Who made and who revoked it stays here.
/// </remarks>
public sealed class UploadLink
{
    /// <summary>The link's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The dispute the evidence is for.</summary>
    public Guid DisputeId { get; set; }

    /// <summary>The SHA-256 of the token, lowercase hex; the token itself is never stored.</summary>
    public string TokenSha256 { get; set; } = "";

    /// <summary>Who made it (<c>agent:agent-7</c>).</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>When it was made.</summary>
    public Instant CreatedAt { get; set; }

    /// <summary>After this instant the link refuses uploads.</summary>
    public Instant ExpiresAt { get; set; }

    /// <summary>When it was revoked, if it was.</summary>
    public Instant? RevokedAt { get; set; }

    /// <summary>Who revoked it, if someone did.</summary>
    public string? RevokedBy { get; set; }

    /// <summary>Whether the link still admits uploads at <paramref name="now"/>.</summary>
    public bool IsUsableAt(Instant now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>A fresh token: 32 random bytes (256 bits), base64url without padding.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 of <paramref name="token"/> as stored, lowercase hex.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
