namespace IntakeBot.Evidence;

/// <summary>Takes EXIF, XMP, IPTC, maker notes and comments out of a JPEG by its segments, without
/// decoding a pixel: the picture stays bit for bit as uploaded, and no image decoder sees a crafted file.
/// Only what a viewer needs to draw it is kept (JFIF, the ICC colour profile, Adobe's colour transform,
/// tables, frames and scans); anything after the end of the image is dropped.</summary>
public static class JpegMetadata
{
    private const byte Marker = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;

    /// <summary>The picture without its metadata, or null when it is not a JPEG this can walk.</summary>
    public static byte[]? Strip(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != Marker || jpeg[1] != StartOfImage)
        {
            return null;
        }

        using var output = new MemoryStream(jpeg.Length);
        output.Write([Marker, StartOfImage]);
        var at = 2;
        while (true)
        {
            if (at >= jpeg.Length || jpeg[at] != Marker)
            {
                return null;
            }

            // Fill bytes (0xFF) may stand before a marker.
            while (at < jpeg.Length && jpeg[at] == Marker)
            {
                at++;
            }

            if (at >= jpeg.Length)
            {
                return null;
            }

            var marker = jpeg[at++];
            if (marker == EndOfImage)
            {
                output.Write([Marker, EndOfImage]);
                return output.ToArray();
            }

            if (marker is (>= 0xD0 and <= 0xD7) or 0x01)
            {
                // Restart markers and TEM stand alone, without a length.
                output.Write([Marker, marker]);
                continue;
            }

            if (at + 2 > jpeg.Length)
            {
                return null;
            }

            var length = (jpeg[at] << 8) | jpeg[at + 1];
            if (length < 2 || at + length > jpeg.Length)
            {
                return null;
            }

            if (Keeps(marker, jpeg.Slice(at + 2, length - 2)))
            {
                output.Write([Marker, marker]);
                output.Write(jpeg.Slice(at, length));
            }

            at += length;
            if (marker == StartOfScan)
            {
                // The entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
                var start = at;
                while (at + 1 < jpeg.Length && !(jpeg[at] == Marker && jpeg[at + 1] is not 0x00 and not Marker and not (>= 0xD0 and <= 0xD7)))
                {
                    at++;
                }

                if (at + 1 >= jpeg.Length)
                {
                    return null;
                }

                output.Write(jpeg[start..at]);
            }
        }
    }

    private static bool Keeps(byte marker, ReadOnlySpan<byte> data) => marker switch
    {
        0xE0 => data.StartsWith("JFIF\0"u8),
        0xE2 => data.StartsWith("ICC_PROFILE\0"u8),
        0xEE => data.StartsWith("Adobe"u8),

        // Every other application segment (EXIF with GPS and the camera's owner, XMP, IPTC, maker
        // notes, FlashPix, multi-picture) and every comment.
        >= 0xE0 and <= 0xEF => false,
        0xFE => false,
        _ => true,
    };
}
