using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using SkiaSharp;
using Xunit;

namespace Disputes.Tests.Evidence;

/// <summary>A host whose upload allowance no test of a class reaches (they all come from one test address).</summary>
public sealed class EvidenceFixture : IAsyncLifetime
{
    private DisputesHost? host;

    public DisputesHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The uploads per minute the host allows.</summary>
    public int UploadsPerMinute { get; init; } = 10_000;

    public async ValueTask InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"disputes_{Guid.NewGuid():N}");
        host = await DisputesHost.StartAsync(connectionString, settings: new Dictionary<string, string?>
        {
            ["Disputes:RateLimits:UploadsPerMinute"] = UploadsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

/// <summary>The files and requests the evidence tests send.</summary>
internal static class EvidenceScenes
{
    /// <summary>A small, well-formed PDF.</summary>
    public static byte[] Pdf() => "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>A 64×48 picture encoded as <paramref name="format"/>.</summary>
    public static byte[] Picture(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(64, 48);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.CornflowerBlue);
            using var paint = new SKPaint { Color = SKColors.OrangeRed };
            canvas.DrawRect(8, 8, 24, 16, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG carrying an EXIF segment with a GPS position (40° 42' 46.32" N), as a phone writes it.</summary>
    public static byte[] JpegWithGps()
    {
        var tiff = new List<byte>();
        void U16(int v) => tiff.AddRange([(byte)v, (byte)(v >> 8)]);
        void U32(int v) => tiff.AddRange([(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)]);
        tiff.AddRange("II"u8.ToArray());
        U16(42);
        U32(8);
        // IFD0: one entry, the GPS IFD pointer (tag 0x8825) to offset 26.
        U16(1);
        U16(0x8825);
        U16(4);
        U32(1);
        U32(26);
        U32(0);
        // GPS IFD: GPSLatitudeRef "N" and GPSLatitude as three rationals at offset 56.
        U16(2);
        U16(0x0001);
        U16(2);
        U32(2);
        tiff.AddRange("N\0\0\0"u8.ToArray());
        U16(0x0002);
        U16(5);
        U32(3);
        U32(56);
        U32(0);
        U32(40);
        U32(1);
        U32(42);
        U32(1);
        U32(4632);
        U32(100);

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        var app1 = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)length }.Concat(payload);
        var jpeg = Picture(SKEncodedImageFormat.Jpeg);
        return [.. jpeg.Take(2), .. app1, .. jpeg.Skip(2)];
    }

    /// <summary>A PNG carrying an <c>eXIf</c> chunk (PNG 1.5's EXIF) with a GPS position, right after its header.</summary>
    public static byte[] PngWithGps()
    {
        byte[] exif = [.. "MM\0*\0\0\0\bGPS 48.8584N 2.2945E"u8];
        byte[] type = [.. "eXIf"u8];
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, exif.Length);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. type, .. exif]));
        var png = Picture(SKEncodedImageFormat.Png);
        const int afterHeader = 8 + 25;
        return [.. png.Take(afterHeader), .. length, .. type, .. exif, .. crc, .. png.Skip(afterHeader)];
    }

    // PNG's chunk checksum (ISO 3309 CRC-32), so the decoder takes the chunk as well formed.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>Makes an upload link on <paramref name="dispute"/>; fails the test unless the answer is 201.</summary>
    public static async Task<JsonObject> LinkAsync(this HttpClient staff, JsonObject dispute, int? days = null)
    {
        var body = new JsonObject { ["expectedVersion"] = (long)dispute["version"]! };
        if (days is not null)
        {
            body["expiresInDays"] = days;
        }

        var response = await staff.PostJsonAsync($"/api/disputes/{dispute["disputeId"]}/upload-links", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    /// <summary>Uploads <paramref name="bytes"/> as <paramref name="name"/> through the link's token, without any token of a caller.</summary>
    public static Task<HttpResponseMessage> UploadAsync(this DisputesHost host, string token, byte[] bytes, string name, string contentType = "application/octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/uploads/{token}/files") { Content = content };
        request.Headers.Add("X-File-Name", Uri.EscapeDataString(name));
        return host.AnonymousClient().SendAsync(request);
    }

    /// <summary>How many files of <paramref name="dispute"/> are stored, bytes and records both.</summary>
    public static async Task<(long Contents, long Records)> StoredAsync(this DisputesHost host, JsonObject dispute) =>
        (await host.ScalarAsync<long>($"select count(*) from disputes.evidence_file_content where dispute_id = '{dispute["disputeId"]}'"),
         await host.ScalarAsync<long>($"select count(*) from disputes.mt_doc_evidencefile where dispute_id = '{dispute["disputeId"]}'"));
}
