using SkiaSharp;

namespace Disputes.Api.Evidence;

/// <summary>
/// Re-encodes an uploaded photo or screenshot from its pixels alone, so nothing of the original file survives but the
/// picture: EXIF (GPS position, camera serial, time taken), XMP, ICC comments and any bytes hidden after the image are
/// dropped, because the service must not keep where a cardmember was when they took a photo of a receipt.
/// </summary>
public static class EvidenceImages
{
    /// <summary>The most pixels decoded (40 megapixels): a tiny file can declare a huge image, and decoding it would exhaust memory.</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>
    /// The picture in <paramref name="bytes"/> encoded anew as <paramref name="kind"/>, turned upright first as its EXIF
    /// orientation said (the orientation is metadata too, and goes); null when the bytes are not a readable image.
    /// </summary>
    public static byte[]? WithoutMetadata(byte[] bytes, EvidenceFileKind kind)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height is 0 or > MaxPixels)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        using var upright = Upright(decoded, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright ?? decoded);
        using var encoded = kind == EvidenceFileKind.Png
            ? image.Encode(SKEncodedImageFormat.Png, 100)
            : image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return encoded?.ToArray();
    }

    /// <summary>The bitmap turned as <paramref name="origin"/> says; null when it is upright already or mirrored (kept as stored).</summary>
    private static SKBitmap? Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var degrees = origin switch
        {
            SKEncodedOrigin.BottomRight => 180,
            SKEncodedOrigin.RightTop => 90,
            SKEncodedOrigin.LeftBottom => 270,
            _ => 0,
        };
        if (degrees == 0)
        {
            return null;
        }

        var swap = degrees != 180;
        var turned = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(turned);
        canvas.Translate(turned.Width / 2f, turned.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
        canvas.DrawBitmap(bitmap, 0, 0);
        return turned;
    }
}
