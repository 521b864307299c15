using System.Collections.Frozen;

namespace IntakeBot.Text;

/// <summary>One language of the catalog: its texts (English for any key its file lacks) and the words
/// it understands. The word lists and command verbs of every language also hold the English ones,
/// because people mix them ("ok", "done", "skip", "view IR-…" are typed everywhere).</summary>
internal sealed class CatalogLanguage
{
    /// <summary>Words that mean the same as a catalog word wherever that word works (the lists are
    /// catalog entries, so they are translated with the rest).</summary>
    private static readonly Dictionary<TextKey, TextKey> SynonymsOf = new()
    {
        [TextKey.ChoiceDone] = TextKey.WordsDone,
        [TextKey.ChoiceStop] = TextKey.WordsStop,
        [TextKey.ChoicePause] = TextKey.WordsPause,
        [TextKey.ChoiceSkip] = TextKey.WordsSkip,
        [TextKey.ChoiceSubmit] = TextKey.WordsSubmit,
        [TextKey.ChoiceEdit] = TextKey.WordsEdit,
        [TextKey.ChoiceMyReports] = TextKey.WordsMyReports,
        [TextKey.ChoiceCases] = TextKey.WordsCases,
        [TextKey.ChoiceTakeReport] = TextKey.WordsTakeReport,
    };

    public CatalogLanguage(string code, IReadOnlyDictionary<TextKey, string> own, CatalogLanguage? english)
    {
        Code = code;
        Texts = Enum.GetValues<TextKey>().ToFrozenDictionary(k => k, k => Text(k, own, english));
        Polite = [.. Words(TextKey.WordsPolite).OrderByDescending(p => p.Length)];
        Lists = Enum.GetValues<TextKey>()
            .Where(k => k.ToString().StartsWith("Words", StringComparison.Ordinal))
            .ToFrozenDictionary(k => k, k => Words(k).Select(Collapse).SelectMany(WithFolded).ToFrozenSet());
        Verbs = Enum.GetValues<TextKey>()
            .Where(k => k.ToString().StartsWith("Verb", StringComparison.Ordinal))
            .ToFrozenDictionary(k => k, k => (IReadOnlyList<string[]>)[.. Words(k).Select(Tokens).Where(t => t.Length > 0).DistinctBy(t => string.Join(' ', t)).OrderByDescending(t => t.Length)]);
        Choices = Enum.GetValues<TextKey>()
            .Where(k => k.ToString().StartsWith("Choice", StringComparison.Ordinal))
            .ToFrozenDictionary(k => k, k => ChoiceWords(k, english).SelectMany(WithFolded).ToFrozenSet());
        // A language's own name is shown as it is in every language (the card of languages).
        Own = [.. own.Keys.Where(k => k != TextKey.LanguageName && !IsWordList(k))];
        Exact = Own.GroupBy(k => Texts[k], StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _templates = new Lazy<CatalogTemplate[]>(() => [.. Own.Where(k => Texts[k].Contains('{', StringComparison.Ordinal)).Select(k => new CatalogTemplate(k, Texts[k])).Where(t => t.HasWords)]);
        var culture = System.Globalization.CultureInfo.GetCultureInfo(code);
        Names = new[] { code, culture.EnglishName, culture.NativeName }
            .Concat(own.TryGetValue(TextKey.LanguageName, out var name) ? [name] : [])
            .Select(n => Fold(Collapse(n)))
            .ToFrozenSet();
    }

    private readonly Lazy<CatalogTemplate[]> _templates;

    public string Code { get; }

    /// <summary>The keys this language's file has (word lists and its name aside): the texts that are
    /// its own, written again in another language when the reader changes language.</summary>
    public TextKey[] Own { get; }

    /// <summary>Its own texts without placeholders, to the key they are the text of.</summary>
    public FrozenDictionary<string, TextKey> Exact { get; }

    /// <summary>Its own texts with placeholders, as patterns.</summary>
    public IReadOnlyList<CatalogTemplate> Templates => _templates.Value;

    public FrozenDictionary<TextKey, string> Texts { get; }

    public string[] Polite { get; }

    /// <summary>What a person might type to choose this language: its code, its own name and its
    /// English name, without accents ("de", "deutsch", "german"; "espanol").</summary>
    public FrozenSet<string> Names { get; }

    public FrozenDictionary<TextKey, FrozenSet<string>> Lists { get; }

    public FrozenDictionary<TextKey, FrozenSet<string>> Choices { get; }

    /// <summary>Each command verb's forms (this language's, then English), as words folded the way
    /// <see cref="Tokens"/> folds them, the longest first so that "añadir a" wins over "añadir".</summary>
    public FrozenDictionary<TextKey, IReadOnlyList<string[]>> Verbs { get; }

    /// <summary>The polite words as <see cref="Tokens"/> gives them, the longest first.</summary>
    public IReadOnlyList<string[]> PoliteTokens => _politeTokens ??= [.. Polite.Select(Tokens).Where(t => t.Length > 0).OrderByDescending(t => t.Length)];

    private IReadOnlyList<string[]>? _politeTokens;

    /// <summary>The typed text as compared with catalog words: lower case, curly apostrophes made
    /// straight, spaces collapsed, punctuation and symbols at either end and polite words at either
    /// end removed. Punctuation inside ("n/a", "that's all") is kept.</summary>
    public string Normalize(string? said)
    {
        var text = Collapse(said);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var polite in Polite)
            {
                if (text.Length > polite.Length && text.StartsWith(polite + " ", StringComparison.Ordinal))
                {
                    text = Collapse(text[polite.Length..]);
                    changed = true;
                }
                else if (text.Length > polite.Length && text.EndsWith(" " + polite, StringComparison.Ordinal))
                {
                    text = Collapse(text[..^polite.Length]);
                    changed = true;
                }
            }
        }

        return text;
    }

    /// <summary>The words of a text as a command is compared: lower case, without accents, and without
    /// punctuation at either end of each word ("Répondre," is "repondre").</summary>
    internal static string[] Tokens(string text)
        => [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => Fold(Collapse(w))).Where(w => w.Length > 0)];

    /// <summary>Word lists and command verbs: what a person types rather than what the bot says.</summary>
    private static bool IsWordList(TextKey key)
        => key.ToString() is var name && (name.StartsWith("Words", StringComparison.Ordinal) || name.StartsWith("Verb", StringComparison.Ordinal));

    /// <summary>A word list or a verb's forms is this language's words and, after them, the English ones.</summary>
    private static string Text(TextKey key, IReadOnlyDictionary<TextKey, string> own, CatalogLanguage? english)
    {
        var text = own.TryGetValue(key, out var t) ? t : english!.Texts[key];
        return english is not null && own.ContainsKey(key) && IsWordList(key)
            ? text + "|" + english.Texts[key]
            : text;
    }

    private IEnumerable<string> Words(TextKey key) => Texts[key].Split('|');

    private IEnumerable<string> ChoiceWords(TextKey key, CatalogLanguage? english)
    {
        var words = new List<string> { Normalize(Texts[key]) };
        if (SynonymsOf.TryGetValue(key, out var synonyms))
        {
            words.AddRange(Words(synonyms).Select(Collapse));
        }

        if (english is not null)
        {
            words.AddRange(english.Choices[key]);
        }

        return words;
    }

    /// <summary>The word as written and without its accents: "si" is "sí" typed on a keyboard
    /// without them.</summary>
    private static IEnumerable<string> WithFolded(string word) => [word, Fold(word)];

    /// <summary>The text without diacritics, in any script ("é" is "e", "ü" is "u").</summary>
    internal static string Fold(string text)
    {
        var decomposed = text.Normalize(System.Text.NormalizationForm.FormD);
        var folded = new System.Text.StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(System.Text.NormalizationForm.FormC);
    }

    internal static string Collapse(string? said)
    {
        if (string.IsNullOrWhiteSpace(said))
        {
            return string.Empty;
        }

        var text = said.Replace('\u2019', '\'').Replace('\u2018', '\'').ToLowerInvariant();
        var start = 0;
        var end = text.Length;
        while (start < end && IsEdge(text[start]))
        {
            start++;
        }

        while (end > start && IsEdge(text[end - 1]))
        {
            end--;
        }

        var collapsed = new System.Text.StringBuilder(end - start);
        foreach (var c in text.AsSpan(start, end - start))
        {
            if (!char.IsWhiteSpace(c))
            {
                collapsed.Append(c);
            }
            else if (collapsed.Length > 0 && collapsed[^1] != ' ')
            {
                collapsed.Append(' ');
            }
        }

        return collapsed.ToString();
    }

    private static bool IsEdge(char c)
        => char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || char.IsSurrogate(c) || c is '\u200d' or '\ufe0f';
}
