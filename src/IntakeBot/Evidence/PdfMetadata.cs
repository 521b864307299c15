using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace IntakeBot.Evidence;

/// <summary>Blanks a PDF's document information (title, author, creator, producer and any other entry,
/// in every revision the file keeps), its XMP metadata and the authors of its comments and markup (an
/// annotation's <c>/T</c>) in place: each string becomes spaces of the same length, so every byte
/// offset, and with it the cross-reference table, stays valid without a PDF writer. A file where that
/// cannot be done is not cleaned (null): encrypted, its information or an annotation with an author kept
/// in a compressed object stream, or a compressed metadata stream.</summary>
public static partial class PdfMetadata
{
    /// <summary>Below this many characters inflated from all object streams together, a file is looked into;
    /// beyond it, it is treated as one that cannot be cleaned (a compression bomb is withheld, not unpacked).</summary>
    private const int MaxInflatedChars = 64 * 1024 * 1024;

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

        if (!BlankAnnotationAuthors(cleaned, text) || AuthorsInObjectStreams(text))
        {
            return null;
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

    /// <summary>Blanks who wrote each comment, highlight, stamp or drawing: the <c>/T</c> of every object
    /// holding a markup annotation (a form field's <c>/T</c> is its name, and a widget holds no markup).
    /// False when a <c>/T</c> points to an object that cannot be blanked.</summary>
    private static bool BlankAnnotationAuthors(byte[] cleaned, string text)
    {
        foreach (Match start in ObjectStart().Matches(text))
        {
            var from = start.Index + start.Length;
            var end = text.IndexOf("endobj", from, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            var body = text[from..end];
            if (!MarkupAnnotation().IsMatch(body))
            {
                continue;
            }

            foreach (Match author in AuthorKey().Matches(body))
            {
                var value = from + author.Index + author.Length;
                if (text[value] == '(')
                {
                    cleaned.AsSpan(value + 1, Math.Max(0, LiteralEnd(text, value, end) - value - 2)).Fill((byte)' ');
                }
                else if (text[value] == '<' && text.IndexOf('>', value, end - value) is var close and > 0)
                {
                    cleaned.AsSpan(value + 1, close - value - 1).Fill((byte)'0');
                }
                else if (IndirectReference().Match(body, author.Index + author.Length) is { Success: true } reference && reference.Index == author.Index + author.Length
                    && !BlankObject(cleaned, text, reference.Groups[1].Value, reference.Groups[2].Value, followReferences: false))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>True when a compressed object stream holds a markup annotation with an author: it cannot
    /// be blanked in place, so the file is not cleaned. A stream that is not Flate-compressed, or does not
    /// inflate within the bound, counts as holding one.</summary>
    private static bool AuthorsInObjectStreams(string text)
    {
        var left = MaxInflatedChars;
        foreach (Match objectStream in ObjectStreamType().Matches(text))
        {
            var open = text.IndexOf("stream", objectStream.Index + objectStream.Length, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf("endstream", open + "stream".Length, StringComparison.Ordinal);
            var dictionaryStart = text.LastIndexOf("obj", objectStream.Index, StringComparison.Ordinal);
            if (close < 0 || dictionaryStart < 0 || !text.AsSpan(dictionaryStart, open - dictionaryStart).Contains("/FlateDecode", StringComparison.Ordinal))
            {
                return true;
            }

            var data = text.AsSpan(open + "stream".Length, close - open - "stream".Length).TrimStart("\r\n");
            if (Inflated(Encoding.Latin1.GetBytes(data.ToString()), ref left) is not { } objects
                || (MarkupAnnotation().IsMatch(objects) && AuthorKey().IsMatch(objects)))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Inflated(byte[] compressed, ref int left)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var reader = new StreamReader(zlib, Encoding.Latin1);
            var buffer = new char[81920];
            var all = new StringBuilder();
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                left -= read;
                if (left < 0)
                {
                    return null;
                }

                all.Append(buffer, 0, read);
            }

            return all.ToString();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The index just after the literal string that opens at <paramref name="open"/>, nested
    /// parentheses and escapes counted, at most <paramref name="end"/>.</summary>
    private static int LiteralEnd(string text, int open, int end)
    {
        var depth = 1;
        var j = open + 1;
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

        return Math.Min(j, end);
    }

    /// <summary>Every literal string <c>(…)</c> and hex string <c>&lt;…&gt;</c> between the two offsets
    /// becomes blank, its delimiters kept.</summary>
    private static void BlankStrings(byte[] cleaned, string text, int from, int end)
    {
        for (var i = from; i < end; i++)
        {
            if (text[i] == '(')
            {
                var j = LiteralEnd(text, i, end);
                cleaned.AsSpan(i + 1, Math.Max(0, j - i - 2)).Fill((byte)' ');
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

    [GeneratedRegex(@"(?<![0-9])[0-9]+\s+[0-9]+\s+obj\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex ObjectStart();

    [GeneratedRegex(@"/Subtype\s*/(?:Text|FreeText|Line|Square|Circle|Polygon|PolyLine|Highlight|Underline|Squiggly|StrikeOut|Stamp|Caret|Ink|FileAttachment|Sound|Redact|Popup)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex MarkupAnnotation();

    /// <summary>The <c>/T</c> key (not <c>/Type</c>, <c>/Title</c>, <c>/TU</c>) and the space before its value.</summary>
    [GeneratedRegex(@"/T(?![A-Za-z0-9#])\s*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex AuthorKey();

    [GeneratedRegex(@"/Type\s*/ObjStm\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex ObjectStreamType();

    [GeneratedRegex(@"/Type\s*/Metadata\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex MetadataType();
}
