using System.Buffers;
using System.Security.Cryptography;

namespace Disputes.Api.Evidence;

/// <summary>
/// An upload's body as received: spooled to a temporary file (deleted when the request ends) while its SHA-256 is
/// taken, so a 10 MB file costs one small buffer, not 10 MB of memory. The first bytes are kept to tell its type.
/// </summary>
public sealed class ReceivedUpload
{
    private const int BufferSize = 81920;

    /// <summary>How the temporary files' names begin, in the system's temporary folder (<see cref="AbandonedUploads"/>).</summary>
    public const string FilePrefix = "disputes-upload-";

    /// <summary>How many leading bytes are kept for the type check; every signature checked is shorter.</summary>
    public const int HeadLength = 16;

    private ReceivedUpload(FileStream content, long length, string sha256, byte[] head)
    {
        Content = content;
        Length = length;
        Sha256 = sha256;
        Head = head;
    }

    /// <summary>The bytes, positioned at the start, readable until the request ends.</summary>
    public FileStream Content { get; }

    /// <summary>Its size in bytes.</summary>
    public long Length { get; }

    /// <summary>The SHA-256 of the bytes as received, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>Its first bytes (at most <see cref="HeadLength"/>).</summary>
    public byte[] Head { get; }

    /// <summary>
    /// Reads the request's body to a temporary file that is deleted with the request; null when it holds more than
    /// <paramref name="maxBytes"/> (reading stops there).
    /// </summary>
    public static async Task<ReceivedUpload?> ReceiveAsync(HttpContext http, long maxBytes, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(http);
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"{FilePrefix}{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, BufferSize, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        http.Response.RegisterForDisposeAsync(file);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new List<byte>(HeadLength);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long length = 0;
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellation)) > 0)
            {
                if (length + read > maxBytes)
                {
                    return null;
                }

                head.AddRange(buffer.Take(Math.Min(read, HeadLength - head.Count)));
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
                length += read;
            }

            await file.FlushAsync(cancellation);
            file.Position = 0;
            return new ReceivedUpload(file, length, Convert.ToHexStringLower(hash.GetHashAndReset()), [.. head]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>All the bytes, for an image that must be decoded whole; the stream is left at its start again.</summary>
    public async Task<byte[]> ReadAllAsync(CancellationToken cancellation)
    {
        var bytes = new byte[Length];
        Content.Position = 0;
        await Content.ReadExactlyAsync(bytes, cancellation);
        Content.Position = 0;
        return bytes;
    }
}
