namespace IntakeBot.Evidence;

/// <summary>The copy of a confidential case's file that its handlers get: with the metadata that can
/// name people taken out, by kind of file. Null for a kind it cannot clean (GIF, WebP, BMP, HEIC, video,
/// e-mail, legacy Office, a PDF it cannot blank in place, a file it cannot open): such a file is withheld.</summary>
public static class EvidenceCleaner
{
    /// <summary>Kinds of file that carry no properties besides their text, kept as they are.</summary>
    private static readonly HashSet<string> PlainText = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".log", ".csv", ".md" };

    /// <summary>The cleaned copy of <paramref name="original"/>, a file of the kind its checked
    /// <paramref name="extension"/> says, or null when it cannot be cleaned.</summary>
    public static byte[]? Clean(string extension, byte[] original) => extension switch
    {
        ".docx" or ".xlsx" or ".pptx" => OfficeMetadata.Strip(original, extension),
        ".jpg" or ".jpeg" => JpegMetadata.Strip(original),
        ".png" => PngMetadata.Strip(original),
        ".pdf" => PdfMetadata.Strip(original),
        _ when PlainText.Contains(extension) => original,
        _ => null,
    };
}
