using NodaTime;

namespace Disputes.Api.Evidence;

/// <summary>
/// What the service knows of one stored evidence file; its bytes are in <see cref="EvidenceFiles.ContentTable"/>, a
/// <c>bytea</c> column of its own, so listing a dispute's files never reads them.
/// </summary>
public sealed class EvidenceFile
{
    /// <summary>The file's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The dispute it is evidence for.</summary>
    public Guid DisputeId { get; set; }

    /// <summary>The file name the cardmember gave, cleaned (see <see cref="EvidenceFileName"/>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The type decided from the file's bytes: <c>application/pdf</c>, <c>image/jpeg</c> or <c>image/png</c>.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>The stored size in bytes (of the re-encoded image, for an image).</summary>
    public long Size { get; set; }

    /// <summary>The SHA-256 of the stored bytes, lowercase hex.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The SHA-256 of the bytes as received, before an image lost its metadata; the same as <see cref="Sha256"/> for a PDF.</summary>
    public string ReceivedSha256 { get; set; } = "";

    /// <summary>Who sent it: <c>cardmember via link {linkId}</c>.</summary>
    public string UploadedBy { get; set; } = "";

    /// <summary>The link it came through.</summary>
    public Guid LinkId { get; set; }

    /// <summary>When it was stored.</summary>
    public Instant UploadedAt { get; set; }
}
