using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IntakeBot.Text;

/// <summary>All bot wording, one resource file a language: Text.json in English (the list of keys, and
/// the words used for any key another language lacks) and Text.&lt;language&gt;.json for each other
/// language. Adding a language is adding its file. Every look-up speaks the language of whoever reads
/// it now (<see cref="ReaderLanguage"/>).</summary>
public sealed partial class TextCatalog
{
    /// <summary>A message with more words than this, sent before any report is under way, is taken
    /// for the start of an account rather than a command: commands and greetings are a few words.</summary>
    public const int AccountWordThreshold = 6;

    private const string ResourcePrefix = "IntakeBot.Text.Text";

    private readonly FrozenDictionary<string, CatalogLanguage> _languages;
    private readonly CatalogLanguage _english;

    private TextCatalog(FrozenDictionary<string, CatalogLanguage> languages)
    {
        _languages = languages;
        _english = languages[ReaderLanguage.English];
        Languages = [.. languages.Keys.Order(StringComparer.Ordinal).OrderBy(l => l != ReaderLanguage.English)];
        Commands = new CommandWords(() => Current);
    }

    /// <summary>The command verbs, read in the reader's language and in English.</summary>
    public CommandWords Commands { get; }

    /// <summary>The languages the catalog has a file for, English first.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>Every entry in the reader's language.</summary>
    public IReadOnlyDictionary<TextKey, string> All => Current.Texts;

    public string this[TextKey key] => Current.Texts[key];

    /// <summary>Every entry in one language, English for any key its file lacks.</summary>
    public IReadOnlyDictionary<TextKey, string> In(string language) => _languages[language].Texts;

    /// <summary>One entry in every language of the catalog, English first.</summary>
    public IEnumerable<string> InEveryLanguage(TextKey key) => Languages.Select(l => _languages[l].Texts[key]);

    /// <summary>A text of the reader's language (a choice's title) in every language of the catalog;
    /// just the text when it is no entry of its own.</summary>
    public IEnumerable<string> InEveryLanguage(string text)
        => Current.Exact.TryGetValue(text, out var key) ? InEveryLanguage(key) : [text];

    /// <summary>The text without diacritics, in any script ("sí" is "si", "ü" is "u").</summary>
    public static string Fold(string text) => CatalogLanguage.Fold(text);

    /// <summary>A text the bot wrote in another of the catalog's languages, written again in the reader's:
    /// an entry, or an entry filled in (its placeholders' values written again too, when they are
    /// entries). A question kept in a dialog's state in the language it was first asked in is asked
    /// again in the language chosen since. Anything else is returned as it is.</summary>
    public string Translate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var current = Current;
        if (text.Length == 0 || current.Exact.ContainsKey(text))
        {
            return text;
        }

        foreach (var other in _languages.Values.Where(l => l != current))
        {
            if (other.Exact.TryGetValue(text, out var key))
            {
                return current.Texts[key];
            }
        }

        foreach (var other in _languages.Values.Where(l => l != current))
        {
            foreach (var template in other.Templates)
            {
                if (template.Match(text) is { } values && current.Texts[template.Key] != other.Texts[template.Key])
                {
                    return string.Format(ReaderLanguage.Culture, current.Texts[template.Key], [.. values.Select(Translate)]);
                }
            }
        }

        return text;
    }

    /// <summary>The catalog language for a Teams locale ("de-DE", "fr", "es-419"), or null when the
    /// catalog has none for it.</summary>
    public string? LanguageOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var language = locale.Split('-', '_')[0].Trim().ToLowerInvariant();
        return _languages.ContainsKey(language) ? language : null;
    }

    /// <summary>The language a typed word names: its own name ("Deutsch", "español", "francais") or
    /// its code ("de"), in any language; null when it names none.</summary>
    public string? LanguageNamed(string? said)
    {
        var typed = CatalogLanguage.Fold(Current.Normalize(said));
        return _languages.Values.FirstOrDefault(l => l.Names.Contains(typed))?.Code;
    }

    /// <summary>True when the person typed this word of the catalog, or one of its synonyms, in any
    /// case, with punctuation or spaces around it or a polite word added ("Done.", "pause please",
    /// "finished" for done, "cancel" for stop); typed words work whatever buttons are shown, and the
    /// English word works in every language.</summary>
    public bool IsWord(string? said, TextKey word)
        => Current.Choices.TryGetValue(word, out var words)
            ? words.Contains(Normalize(said))
            : string.Equals(Normalize(said), Normalize(this[word]), StringComparison.Ordinal);

    /// <summary>True when the word is this key's word in any of the catalog's languages: for words
    /// that must work for someone who cannot read the conversation's language ("Sprache", "idioma").</summary>
    public bool IsWordInAnyLanguage(string? said, TextKey word)
        => _languages.Values.Any(l => l.Choices[word].Contains(l.Normalize(said)));

    /// <summary>The short forms and synonyms a person may type for a choice ("yeah" for yes, "to me"
    /// for it happened to me): the catalog entry named like the choice with <c>Words</c> for
    /// <c>Choice</c>, or none. They are catalog entries, so each language brings its own.</summary>
    public IReadOnlyList<string> ShortForms(TextKey choice)
    {
        var name = choice.ToString();
        return name.StartsWith("Choice", StringComparison.Ordinal)
            && Enum.TryParse<TextKey>(string.Concat("Words", name.AsSpan("Choice".Length)), out var words)
            && Current.Lists.TryGetValue(words, out var list)
            ? [.. list]
            : [];
    }

    /// <summary>At an optional step: "skip", or a way of saying there is nothing ("no", "none",
    /// "n/a", "not now"). Only for optional steps, where "no" cannot be an answer.</summary>
    public bool IsNothing(string? said) => IsWord(said, TextKey.ChoiceSkip) || List(TextKey.WordsNothing).Contains(Normalize(said));

    /// <summary>At the evidence step: a way of saying there is nothing (more) to give, on its own
    /// ("that's everything", "I pasted it above") or after a no ("nope that's all", "no, I already
    /// sent it"), so that it ends the step instead of being kept as pasted evidence.</summary>
    public bool IsNothingMore(string? said)
    {
        var typed = Normalize(said);
        if (IsNoMore(typed))
        {
            return true;
        }

        var no = List(TextKey.WordsNothing).Where(n => typed.Length > n.Length && typed.StartsWith(n, StringComparison.Ordinal) && typed[n.Length] is ' ' or ',').MaxBy(n => n.Length);
        return no is not null && IsNoMore(Normalize(typed[(no.Length + 1)..]));
    }

    /// <summary>A note that records a promise made to the person: a word of promising ("promised
    /// nobody will know"), or a word of telling them together with an outcome or confidentiality ("she
    /// asked if it stays confidential, I said yes", "I told her he'll be fired"). Phrases are matched as
    /// whole words anywhere in the note, with or without accents.</summary>
    public bool RecordsPromise(string? said)
    {
        var words = $" {CatalogLanguage.Fold(NotWords().Replace(Normalize(said), " "))} ";
        bool Has(TextKey list) => List(list).Any(p => words.Contains($" {p} ", StringComparison.Ordinal));
        return Has(TextKey.WordsPromised) || (Has(TextKey.WordsToldThem) && Has(TextKey.WordsPromiseOutcome));
    }

    private bool IsNoMore(string typed)
        => List(TextKey.WordsNoMore).Contains(typed) || List(TextKey.WordsNothing).Contains(typed)
            || Current.Choices[TextKey.ChoiceDone].Contains(typed) || Current.Choices[TextKey.ChoiceSkip].Contains(typed);

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
    /// straight, spaces collapsed, punctuation and symbols at either end and polite words (of the
    /// reader's language and English) at either end removed. Punctuation inside ("n/a", "that's all")
    /// is kept.</summary>
    public string Normalize(string? said) => Current.Normalize(said);

    /// <summary>The entry with its placeholders filled in, numbers and dates written for the reader.</summary>
    public string Format(TextKey key, params object[] args) => string.Format(ReaderLanguage.Culture, this[key], args);

    /// <summary>The catalog's files as shipped in the assembly, by language, as written: for the check
    /// that every language has every key, and nothing else.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Files()
    {
        var assembly = typeof(TextCatalog).Assembly;
        var files = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            var language = name[ResourcePrefix.Length..^".json".Length].TrimStart('.');
            using var stream = assembly.GetManifestResourceStream(name)!;
            files[language.Length == 0 ? ReaderLanguage.English : language] = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"The text catalog for '{language}' is empty.");
        }

        return files;
    }

    /// <summary>Loads the catalog shipped in the assembly and fails at start-up if any English entry is
    /// missing, or any entry of any language is unknown or empty, so that no message can silently go
    /// out empty. A language that lacks a key says it in English (the catalog test catches it first).</summary>
    public static TextCatalog Load() => Load(new Dictionary<TextKey, string>());

    /// <summary>The shipped catalog with some English entries replaced (a rewording, or a translation in
    /// progress), checked the same way.</summary>
    public static TextCatalog Load(IReadOnlyDictionary<TextKey, string> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var files = Files();
        if (!files.TryGetValue(ReaderLanguage.English, out var englishFile))
        {
            throw new InvalidOperationException("The text catalog resource is missing from the build.");
        }

        var englishTexts = Parse(ReaderLanguage.English, englishFile);
        foreach (var (key, text) in changes)
        {
            englishTexts[key] = string.IsNullOrWhiteSpace(text) ? throw new InvalidOperationException($"The text catalog change for '{key}' is empty.") : text;
        }

        var english = new CatalogLanguage(ReaderLanguage.English, englishTexts, null);
        var missing = Enum.GetValues<TextKey>().Where(k => !englishTexts.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The text catalog lacks: {string.Join(", ", missing)}.");
        }

        var languages = files
            .Where(f => f.Key != ReaderLanguage.English)
            .Select(f => new CatalogLanguage(f.Key, Parse(f.Key, f.Value), english))
            .Append(english)
            .ToFrozenDictionary(l => l.Code, StringComparer.Ordinal);
        return new TextCatalog(languages);
    }

    private CatalogLanguage Current => _languages.TryGetValue(ReaderLanguage.Current, out var language) ? language : _english;

    private FrozenSet<string> List(TextKey key) => Current.Lists[key];

    private static Dictionary<TextKey, string> Parse(string language, IReadOnlyDictionary<string, string> file)
    {
        var texts = new Dictionary<TextKey, string>();
        foreach (var (name, text) in file)
        {
            if (!Enum.TryParse<TextKey>(name, out var key) || string.IsNullOrWhiteSpace(text))
            {
                throw new InvalidOperationException($"The text catalog '{language}' has an unknown or empty entry '{name}'.");
            }

            texts[key] = text;
        }

        return texts;
    }

    /// <summary>Anything between words (punctuation, symbols, spaces); an apostrophe belongs to its word.</summary>
    [GeneratedRegex(@"[^\p{L}\p{N}']+", RegexOptions.CultureInvariant)]
    private static partial Regex NotWords();
}
