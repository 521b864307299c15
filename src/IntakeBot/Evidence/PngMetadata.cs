using System.Buffers.Binary;
using System.Text;

namespace IntakeBot.Evidence;

/// <summary>Takes text (tEXt, zTXt, iTXt: author, software, XMP), EXIF and every unknown chunk out of a
/// PNG by its chunks, without decoding it: only the chunks a viewer needs to draw it (and animate it)
/// are kept, bit for bit; anything after IEND is dropped.</summary>
public static class PngMetadata
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "cICP", "sBIT", "bKGD", "pHYs", "hIST", "acTL", "fcTL", "fdAT",
    };

    /// <summary>The picture without its metadata, or null when it is not a PNG this can walk.</summary>
    public static byte[]? Strip(ReadOnlySpan<byte> png)
    {
        if (!png.StartsWith(Signature))
        {
            return null;
        }

        using var output = new MemoryStream(png.Length);
        output.Write(Signature);
        var at = Signature.Length;
        while (at + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            if (length > int.MaxValue - 12 || at + 12L + length > png.Length)
            {
                return null;
            }

            var chunk = png.Slice(at, 12 + (int)length);
            var type = Encoding.ASCII.GetString(chunk.Slice(4, 4));
            if (Kept.Contains(type))
            {
                output.Write(chunk);
            }

            at += chunk.Length;
            if (type == "IEND")
            {
                return output.ToArray();
            }
        }

        return null;
    }
}
