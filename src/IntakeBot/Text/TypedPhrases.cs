using System.Text.RegularExpressions;

namespace IntakeBot.Text;

/// <summary>Reads a typed message against a catalog list of phrases (a <c>Words…</c> entry, in the
/// reader's language and in English, since people mix them): lower case, without accents, apostrophes
/// or punctuation on both sides, so that "Can u repeat?" is "can u repeat" and "Don't call" is "dont
/// call".</summary>
public static partial class TypedPhrases
{
    /// <summary>The message is one of the phrases, as a whole.</summary>
    public static bool Is(TextCatalog text, string? said, TextKey list)
    {
        var words = Words(text, said);
        return words.Length > 0 && Phrases(text, list).Contains(words, StringComparer.Ordinal);
    }

    /// <summary>The message says one of the phrases, as whole words, anywhere in it.</summary>
    public static bool Has(TextCatalog text, string? said, TextKey list)
    {
        var padded = $" {Words(text, said)} ";
        return Phrases(text, list).Any(p => padded.Contains($" {p} ", StringComparison.Ordinal));
    }

    /// <summary>The message as words: what <see cref="Is"/> and <see cref="Has"/> compare.</summary>
    public static string Words(TextCatalog text, string? said)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Plain(text.Normalize(said));
    }

    public static int WordCount(string words) => words.Length == 0 ? 0 : words.Split(' ').Length;

    private static IEnumerable<string> Phrases(TextCatalog text, TextKey list)
        => text[list].Split('|').Concat(text.In(ReaderLanguage.English)[list].Split('|'))
            .Select(Plain)
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal);

    /// <summary>Curly apostrophes are straight after <see cref="TextCatalog.Normalize"/>.</summary>
    private static string Plain(string said)
        => NotWords().Replace(TextCatalog.Fold(said.ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal)), " ").Trim();

    [GeneratedRegex(@"[^\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotWords();
}
