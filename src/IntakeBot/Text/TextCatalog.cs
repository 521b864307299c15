using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IntakeBot.Text;

/// <summary>All bot wording, from the one resource file Text.json, so that it can be reviewed and
/// translated in one place and checked by the wording test.</summary>
public sealed class TextCatalog
{
    /// <summary>A message with more words than this, sent before any report is under way, is taken
    /// for the start of an account rather than a command: commands and greetings are a few words.</summary>
    public const int AccountWordThreshold = 6;

    /// <summary>Words that mean the same as a catalog word wherever that word works (the lists are
    /// catalog entries, so they are translated with the rest).</summary>
    private static readonly Dictionary<TextKey, TextKey> SynonymsOf = new()
    {
        [TextKey.ChoiceDone] = TextKey.WordsDone,
        [TextKey.ChoiceStop] = TextKey.WordsStop,
    };

    private readonly Dictionary<TextKey, string> _texts;
    private readonly FrozenDictionary<TextKey, FrozenSet<string>> _words;
    private readonly FrozenDictionary<TextKey, FrozenSet<string>> _lists;
    private readonly string[] _polite;

    private TextCatalog(Dictionary<TextKey, string> texts)
    {
        _texts = texts;
        _lists = Enum.GetValues<TextKey>()
            .Where(k => k.ToString().StartsWith("Words", StringComparison.Ordinal))
            .ToFrozenDictionary(k => k, k => texts[k].Split('|').Select(Collapse).ToFrozenSet());
        _polite = [.. List(TextKey.WordsPolite).OrderByDescending(p => p.Length)];
        _words = Enum.GetValues<TextKey>()
            .Where(k => k.ToString().StartsWith("Choice", StringComparison.Ordinal))
            .ToFrozenDictionary(k => k, k => SynonymsOf.TryGetValue(k, out var synonyms)
                ? List(synonyms).Append(Normalize(texts[k])).ToFrozenSet()
                : new[] { Normalize(texts[k]) }.ToFrozenSet());
    }

    public IReadOnlyDictionary<TextKey, string> All => _texts;

    public string this[TextKey key] => _texts[key];

    /// <summary>True when the person typed this word of the catalog, or one of its synonyms, in any
    /// case, with punctuation or spaces around it or a polite word added ("Done.", "pause please",
    /// "finished" for done, "cancel" for stop); typed words work whatever buttons are shown.</summary>
    public bool IsWord(string? said, TextKey word)
        => _words.TryGetValue(word, out var words)
            ? words.Contains(Normalize(said))
            : string.Equals(Normalize(said), Normalize(_texts[word]), StringComparison.Ordinal);

    /// <summary>The short forms and synonyms a person may type for a choice ("yeah" for yes, "to me"
    /// for it happened to me): the catalog entry named like the choice with <c>Words</c> for
    /// <c>Choice</c>, or none. They are catalog entries, so each language brings its own.</summary>
    public IReadOnlyList<string> ShortForms(TextKey choice)
    {
        var name = choice.ToString();
        return name.StartsWith("Choice", StringComparison.Ordinal)
            && Enum.TryParse<TextKey>(string.Concat("Words", name.AsSpan("Choice".Length)), out var words)
            && _lists.TryGetValue(words, out var list)
            ? [.. list]
            : [];
    }

    /// <summary>At an optional step: "skip", or a way of saying there is nothing ("no", "none",
    /// "n/a", "not now"). Only for optional steps, where "no" cannot be an answer.</summary>
    public bool IsNothing(string? said) => IsWord(said, TextKey.ChoiceSkip) || List(TextKey.WordsNothing).Contains(Normalize(said));

    /// <summary>A greeting on its own ("Hi", "hello there!").</summary>
    public bool IsGreeting(string? said) => List(TextKey.WordsGreeting).Contains(Normalize(said));

    /// <summary>"I don't know", "don't remember", "not sure": an answer in its own right where a
    /// question needs one (the listener leaves it to the step).</summary>
    public bool IsDontKnow(string? said)
        => IsWord(said, TextKey.ChoiceDontKnow) || List(TextKey.WordsDontKnow).Contains(Normalize(said));

    /// <summary>More than a few words: a first message that is probably the start of an account.</summary>
    public static bool LooksLikeAccount(string? said)
        => said is not null && said.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length > AccountWordThreshold;

    /// <summary>The typed text as compared with catalog words: lower case, curly apostrophes made
    /// straight, spaces collapsed, punctuation and symbols at either end and polite words at either
    /// end removed. Punctuation inside ("n/a", "that's all") is kept.</summary>
    public string Normalize(string? said)
    {
        var text = Collapse(said);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var polite in _polite)
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

    public string Format(TextKey key, params object[] args) => string.Format(CultureInfo.InvariantCulture, _texts[key], args);

    /// <summary>Loads the catalog shipped in the assembly and fails at start-up if any entry is missing
    /// or unknown, so that no message can silently go out empty.</summary>
    public static TextCatalog Load() => Load(new Dictionary<TextKey, string>());

    /// <summary>The shipped catalog with some entries replaced (a rewording, or a translation in
    /// progress), checked the same way.</summary>
    public static TextCatalog Load(IReadOnlyDictionary<TextKey, string> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var stream = typeof(TextCatalog).Assembly.GetManifestResourceStream("IntakeBot.Text.Text.json")
            ?? throw new InvalidOperationException("The text catalog resource is missing from the build.");
        var raw = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException("The text catalog is empty.");

        var texts = new Dictionary<TextKey, string>();
        foreach (var (name, text) in raw)
        {
            if (!Enum.TryParse<TextKey>(name, out var key) || string.IsNullOrWhiteSpace(text))
            {
                throw new InvalidOperationException($"The text catalog has an unknown or empty entry '{name}'.");
            }

            texts[key] = text;
        }

        foreach (var (key, text) in changes)
        {
            texts[key] = string.IsNullOrWhiteSpace(text) ? throw new InvalidOperationException($"The text catalog change for '{key}' is empty.") : text;
        }

        var missing = Enum.GetValues<TextKey>().Where(k => !texts.ContainsKey(k)).ToList();
        return missing.Count == 0
            ? new TextCatalog(texts)
            : throw new InvalidOperationException($"The text catalog lacks: {string.Join(", ", missing)}.");
    }

    private FrozenSet<string> List(TextKey key) => _lists[key];

    private static string Collapse(string? said)
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

        var collapsed = new StringBuilder(end - start);
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
