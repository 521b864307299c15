using System.Text;

namespace IntakeBot.Evidence;

/// <summary>Turns a name a client sent into one that is safe inside a blob path: no separators, no
/// "..", no control characters, a bounded length, the extension kept.</summary>
public static class FileNames
{
    private const int MaxLength = 80;

    /// <summary>The longest original name kept, in characters, and URL-encoded (as in blob metadata,
    /// whose 8 KB limit it must stay well under).</summary>
    public const int MaxOriginalLength = 255;
    public const int MaxEncodedOriginalLength = 2048;

    public static string Sanitize(string? original, string fallback = "file")
    {
        var name = WellFormed(original ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var safe = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKC))
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-');
        }

        var cleaned = safe.ToString();
        while (cleaned.Contains("..", StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace("..", ".", StringComparison.Ordinal);
        }

        while (cleaned.Contains("--", StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace("--", "-", StringComparison.Ordinal);
        }

        cleaned = cleaned.TrimEnd('.', '-').TrimStart('-');
        if (cleaned.Length > MaxLength)
        {
            var extension = Extension(cleaned);
            cleaned = cleaned[..(MaxLength - extension.Length)].TrimEnd('.', '-') + extension;
        }

        return cleaned.Length == 0 || cleaned.StartsWith('.') ? fallback + cleaned : cleaned;
    }

    /// <summary>The name as sent, cut (between whole characters, keeping its extension) to
    /// <see cref="MaxOriginalLength"/> characters and <see cref="MaxEncodedOriginalLength"/> URL-encoded.</summary>
    public static string Shorten(string original)
    {
        original = WellFormed(original);
        if (original.Length <= MaxOriginalLength && Uri.EscapeDataString(original).Length <= MaxEncodedOriginalLength)
        {
            return original;
        }

        var extension = Extension(original);
        var suffix = "\u2026" + original[^extension.Length..];
        var kept = new StringBuilder();
        var encoded = Uri.EscapeDataString(suffix).Length;
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(original);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var cost = Uri.EscapeDataString(element).Length;
            if (kept.Length + element.Length + suffix.Length > MaxOriginalLength || encoded + cost > MaxEncodedOriginalLength)
            {
                break;
            }

            kept.Append(element);
            encoded += cost;
        }

        return kept.Append(suffix).ToString();
    }

    /// <summary>A lone surrogate (which a client can send) becomes U+FFFD, so that normalising and
    /// encoding the name cannot throw.</summary>
    private static string WellFormed(string name)
    {
        if (!name.Any(char.IsSurrogate))
        {
            return name;
        }

        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    /// <summary>The extension, lower case with its dot, or empty.</summary>
    public static string Extension(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && name.Length - dot <= 6 ? name[dot..].ToLowerInvariant() : string.Empty;
    }
}
