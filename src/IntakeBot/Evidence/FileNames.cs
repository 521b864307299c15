using System.Text;

namespace IntakeBot.Evidence;

/// <summary>Turns a name a client sent into one that is safe inside a blob path: no separators, no
/// "..", no control characters, a bounded length, the extension kept.</summary>
public static class FileNames
{
    private const int MaxLength = 80;

    public static string Sanitize(string? original, string fallback = "file")
    {
        var name = (original ?? string.Empty).Replace('\\', '/');
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

    /// <summary>The extension, lower case with its dot, or empty.</summary>
    public static string Extension(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && name.Length - dot <= 6 ? name[dot..].ToLowerInvariant() : string.Empty;
    }
}
