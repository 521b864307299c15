using System.Buffers.Binary;

namespace IntakeBot.Sharing;

/// <summary>The width and height in pixels of a PNG, JPEG, GIF or BMP image, read from its header, so
/// that the case file can show it small without decoding it.</summary>
public readonly record struct PictureSize(int Width, int Height)
{
    public static PictureSize? Read(ReadOnlySpan<byte> image)
    {
        PictureSize? size = image switch
        {
            [0x89, (byte)'P', (byte)'N', (byte)'G', ..] when image.Length >= 24
                => new(BinaryPrimitives.ReadInt32BigEndian(image[16..]), BinaryPrimitives.ReadInt32BigEndian(image[20..])),
            [(byte)'G', (byte)'I', (byte)'F', ..] when image.Length >= 10
                => new(BinaryPrimitives.ReadUInt16LittleEndian(image[6..]), BinaryPrimitives.ReadUInt16LittleEndian(image[8..])),
            [(byte)'B', (byte)'M', ..] when image.Length >= 26
                => new(BinaryPrimitives.ReadInt32LittleEndian(image[18..]), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(image[22..]))),
            [0xFF, 0xD8, ..] => Jpeg(image),
            _ => null,
        };
        return size is { Width: > 0 and <= 65535, Height: > 0 and <= 65535 } ? size : null;
    }

    /// <summary>A JPEG's size is in its start-of-frame segment, after any number of other segments.</summary>
    private static PictureSize? Jpeg(ReadOnlySpan<byte> image)
    {
        var at = 2;
        while (at + 9 < image.Length && image[at] == 0xFF)
        {
            var marker = image[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(image[(at + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return new(BinaryPrimitives.ReadUInt16BigEndian(image[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(image[(at + 5)..]));
            }

            at += 2 + length;
        }

        return null;
    }
}
