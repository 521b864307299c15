using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace IntakeBot.Tests.Sharing;

/// <summary>A real PNG made in memory: a light "chat window" with a title bar and a few grey message
/// bubbles, so that a rendered case file shows something that looks like a screenshot.</summary>
public static class TestPicture
{
    public static byte[] Png(int width, int height)
    {
        var raw = new byte[height * ((width * 3) + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = y * ((width * 3) + 1);
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = Pixel(x, y, width, height);
                raw[row + 1 + (x * 3)] = r;
                raw[row + 2 + (x * 3)] = g;
                raw[row + 3 + (x * 3)] = b;
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static (byte R, byte G, byte B) Pixel(int x, int y, int width, int height)
    {
        if (y < height / 8)
        {
            return (0x46, 0x47, 0x8F);
        }

        var band = (y - (height / 8)) * 6 / Math.Max(1, height - (height / 8));
        var left = band % 2 == 0;
        var inBubble = (y - (height / 8)) % Math.Max(1, (height - (height / 8)) / 6) > 4
            && (left ? x > width / 20 && x < width * 3 / 5 : x > width * 2 / 5 && x < width * 19 / 20);
        return inBubble ? (left ? ((byte)0xE8, (byte)0xE8, (byte)0xEE) : ((byte)0xC9, (byte)0xCC, (byte)0xF2)) : ((byte)0xFA, (byte)0xFA, (byte)0xFA);
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

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
}
