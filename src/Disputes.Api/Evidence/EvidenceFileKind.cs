namespace Disputes.Api.Evidence;

/// <summary>The kinds of evidence file accepted.</summary>
public enum EvidenceFileKind
{
    /// <summary>A PDF document.</summary>
    Pdf,

    /// <summary>A JPEG photo or scan.</summary>
    Jpeg,

    /// <summary>A PNG screenshot or scan.</summary>
    Png,
}

/// <summary>
/// Tells a file's kind from its first bytes (its magic number), never from its name or the Content-Type a client sent,
/// both of which the sender chooses: a page of HTML named <c>receipt.pdf</c> is not a PDF.
/// </summary>
public static class EvidenceFileKinds
{
    /// <summary>The kind <paramref name="bytes"/> begin as, or null for anything else.</summary>
    public static EvidenceFileKind? Of(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? EvidenceFileKind.Pdf
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? EvidenceFileKind.Jpeg
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? EvidenceFileKind.Png
        : null;

    /// <summary>The media type stored and served for <paramref name="kind"/>.</summary>
    public static string MediaType(EvidenceFileKind kind) => kind switch
    {
        EvidenceFileKind.Pdf => "application/pdf",
        EvidenceFileKind.Jpeg => "image/jpeg",
        _ => "image/png",
    };

    /// <summary>The file extension of <paramref name="kind"/>, with its dot.</summary>
    public static string Extension(EvidenceFileKind kind) => kind switch
    {
        EvidenceFileKind.Pdf => ".pdf",
        EvidenceFileKind.Jpeg => ".jpg",
        _ => ".png",
    };
}
