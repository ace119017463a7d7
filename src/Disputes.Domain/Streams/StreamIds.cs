using System.Security.Cryptography;
using System.Text;

namespace Disputes.Domain.Streams;

/// <summary>
/// Stream ids derived from natural keys (name-based UUIDs, RFC 9562 version 5). Deriving them makes
/// "register the same account twice" and "open the same dispute twice at the same moment" collide on the
/// event store's primary key instead of racing past a lookup.
/// </summary>
public static class StreamIds
{
    private static readonly Guid AccountNamespace = new("6f1c2f55-8a4c-4c5e-9a51-3d0c1e7f0a01");
    private static readonly Guid IntakeNamespace = new("0b7d9f6e-2f43-4b8a-8f0e-5a2c6d1e9b02");
    private static readonly Guid ActivityNamespace = new("3c5e8a1d-7b24-4f6a-9d3e-2a1b0c9f8e03");

    /// <summary>The stream id of the account the issuer calls <paramref name="accountId"/>.</summary>
    public static Guid ForAccount(string accountId) => NameBased(AccountNamespace, accountId);

    /// <summary>
    /// The stream id of the dispute one chat session opens about one transaction. The merchant is compared
    /// without case or surrounding spaces, the amount by value.
    /// </summary>
    public static Guid ForIntake(string accountId, string chatSessionId, string merchant, decimal amount, string transactionDate) =>
        NameBased(IntakeNamespace, string.Join('\u001f',
            accountId, chatSessionId, merchant.Trim().ToUpperInvariant(),
            amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), transactionDate));

    /// <summary>The id of an account activity a downstream system reported: one per account and the system's idempotency key.</summary>
    public static Guid ForActivity(string accountId, string idempotencyKey) =>
        NameBased(ActivityNamespace, string.Join('\u001f', accountId, idempotencyKey));

    private static Guid NameBased(Guid ns, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        ns.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
