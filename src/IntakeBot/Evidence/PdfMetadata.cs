using System.Text;
using System.Text.RegularExpressions;

namespace IntakeBot.Evidence;

/// <summary>Blanks a PDF's document information (title, author, creator, producer and any other entry,
/// in every revision the file keeps) and its XMP metadata in place: each string becomes spaces of the
/// same length, so every byte offset, and with it the cross-reference table, stays valid without a PDF
/// writer. A file where that cannot be done is not cleaned (null): encrypted, its information kept in a
/// compressed object stream, or a compressed metadata stream.</summary>
public static partial class PdfMetadata
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>The file with its metadata blanked, or null when it cannot be cleaned this way.</summary>
    public static byte[]? Strip(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var text = Encoding.Latin1.GetString(pdf);
        if (!text.StartsWith("%PDF-", StringComparison.Ordinal) || text.Contains("/Encrypt", StringComparison.Ordinal))
        {
            return null;
        }

        var cleaned = (byte[])pdf.Clone();
        var infos = InfoReference().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Distinct().ToList();
        foreach (var (number, generation) in infos)
        {
            if (!BlankObject(cleaned, text, number, generation, followReferences: true))
            {
                return null;
            }
        }

        foreach (Match packet in XmpPacket().Matches(text))
        {
            cleaned.AsSpan(packet.Index, packet.Length).Fill((byte)' ');
        }

        // XMP in a stream that is compressed (or outside an xpacket) could not be blanked above.
        foreach (Match metadata in MetadataType().Matches(text))
        {
            var start = text.LastIndexOf("obj", metadata.Index, StringComparison.Ordinal);
            var end = text.IndexOf("stream", metadata.Index, StringComparison.Ordinal);
            if (start < 0 || end < 0 || text.AsSpan(start, end - start).Contains("/Filter", StringComparison.Ordinal))
            {
                return null;
            }
        }

        return Encoding.Latin1.GetString(cleaned).Contains("<x:xmpmeta", StringComparison.Ordinal) ? null : cleaned;
    }

    /// <summary>Blanks the strings of every definition of object <paramref name="number"/> (each revision
    /// may have one), and of the string objects its entries point to. False when it has no definition
    /// outside an object stream.</summary>
    private static bool BlankObject(byte[] cleaned, string text, string number, string generation, bool followReferences)
    {
        var definitions = new Regex($@"(?<![0-9]){number}\s+{generation}\s+obj\b", RegexOptions.CultureInvariant, Patience).Matches(text);
        if (definitions.Count == 0)
        {
            return false;
        }

        foreach (Match definition in definitions)
        {
            var from = definition.Index + definition.Length;
            var end = text.IndexOf("endobj", from, StringComparison.Ordinal);
            if (end < 0)
            {
                return false;
            }

            BlankStrings(cleaned, text, from, end);
            if (followReferences)
            {
                foreach (Match reference in IndirectReference().Matches(text[from..end]))
                {
                    if (!BlankObject(cleaned, text, reference.Groups[1].Value, reference.Groups[2].Value, followReferences: false))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Every literal string <c>(…)</c> and hex string <c>&lt;…&gt;</c> between the two offsets
    /// becomes blank, its delimiters kept.</summary>
    private static void BlankStrings(byte[] cleaned, string text, int from, int end)
    {
        for (var i = from; i < end; i++)
        {
            if (text[i] == '(')
            {
                var depth = 1;
                var j = i + 1;
                while (j < end && depth > 0)
                {
                    if (text[j] == '\\')
                    {
                        j += 2;
                        continue;
                    }

                    depth += text[j] switch { '(' => 1, ')' => -1, _ => 0 };
                    j++;
                }

                cleaned.AsSpan(i + 1, Math.Max(0, Math.Min(j, end) - i - 2)).Fill((byte)' ');
                i = j - 1;
            }
            else if (text[i] == '<' && i + 1 < end && text[i + 1] == '<')
            {
                i++;
            }
            else if (text[i] == '<')
            {
                var close = text.IndexOf('>', i, end - i);
                if (close < 0)
                {
                    return;
                }

                cleaned.AsSpan(i + 1, close - i - 1).Fill((byte)'0');
                i = close;
            }
        }
    }

    [GeneratedRegex(@"/Info\s+([0-9]+)\s+([0-9]+)\s+R", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex InfoReference();

    [GeneratedRegex(@"([0-9]+)\s+([0-9]+)\s+R\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex IndirectReference();

    [GeneratedRegex(@"<\?xpacket\s+begin.*?<\?xpacket\s+end[^>]*>|<x:xmpmeta\b.*?</x:xmpmeta>", RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 5000)]
    private static partial Regex XmpPacket();

    [GeneratedRegex(@"/Type\s*/Metadata\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex MetadataType();
}
