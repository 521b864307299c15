using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace IntakeBot.Listening;

/// <summary>One language's lexicon, loaded from its resource and made ready: text is normalised the
/// same way for every pattern, and each meaning's patterns are one compiled expression. Another
/// language is added as another <c>Lexicon.&lt;language&gt;.json</c>.</summary>
public sealed partial class Lexicon
{
    /// <summary>A message is read up to this many characters: danger is said early, and a pasted
    /// document of many pages must not make a turn slow.</summary>
    public const int ReadLength = 4_000;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private readonly IReadOnlyDictionary<string, string> _expand;
    private readonly Spelling _spelling;
    private readonly Apostrophes _apostrophes;
    private readonly Regex? _denials;
    private readonly Regex? _again;

    private Lexicon(LexiconFile file)
    {
        Language = file.Language;
        _expand = file.Expand;
        _spelling = new Spelling(file.Fuzzy);
        _apostrophes = file.Apostrophes;
        Common = file.Common?.ToFrozenSet(StringComparer.Ordinal) ?? FrozenSet<string>.Empty;
        // A figurative idiom is taken out as a denial is: what is left of the message is still read.
        var blockers = (file.Denials ?? []).Concat(file.Figurative ?? []).ToList();
        _denials = blockers.Count > 0 ? Whole(blockers) : null;
        _again = file.Again is { Count: > 0 } again ? Whole(again) : null;
        var cues = (file.Cues ?? new Dictionary<string, IReadOnlyList<string>>()).ToDictionary(c => c.Key, c => Whole(c.Value), StringComparer.Ordinal);
        Groups = [.. file.Groups
            .Select(g => new CompiledGroup(g.Meaning, g.Detail, [Whole(g.Patterns)]))
            .Concat((file.Rules ?? []).Select(r => new CompiledGroup(r.Meaning, r.Detail, [.. r.AllOf.Select(c => Cue(cues, c, file.Language))])))
            .OrderBy(g => g.Meaning)];
    }

    private static Regex Cue(Dictionary<string, Regex> cues, string name, string language)
        => cues.TryGetValue(name, out var cue) ? cue : throw new InvalidOperationException($"A rule of the {language} lexicon names the cue class {name}, which it does not list.");

    /// <summary>Patterns as one expression matched on whole words of the normalised text.</summary>
    private static Regex Whole(IEnumerable<string> patterns)
        => new(
            $"(?:^| )(?:{string.Join('|', patterns.Select(p => $"(?:{p})"))})(?= |$)",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
            MatchTimeout);

    public string Language { get; }

    /// <summary>The language's most common short words ("und", "les", "que"), normalised as the
    /// lexicon's text is: what tells a message written in it (see <see cref="LanguageGuess"/>).</summary>
    public FrozenSet<string> Common { get; }

    /// <summary>The groups in order of precedence (see <see cref="Meaning"/>).</summary>
    public IReadOnlyList<CompiledGroup> Groups { get; }

    /// <summary>The lexicon of <paramref name="language"/> shipped in the assembly; start-up fails
    /// if it is missing or a pattern does not compile.</summary>
    public static Lexicon Load(string language)
    {
        var name = ResourceName(language);
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The lexicon resource {name} is missing from the build.");
        var file = JsonSerializer.Deserialize<LexiconFile>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"The lexicon {name} is empty.");
        return new Lexicon(file);
    }

    /// <summary>The languages whose lexicon is shipped in the assembly, from the resources' names.</summary>
    public static IEnumerable<string> Shipped()
        => typeof(Lexicon).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".json".Length]);

    private const string ResourcePrefix = "IntakeBot.Listening.Lexicon.";

    private static string ResourceName(string language) => $"{ResourcePrefix}{language}.json";

    /// <summary>The text as the patterns read it: lower case words without accents or apostrophes,
    /// contractions and text-speak expanded, long runs of a letter shortened, key words' misspellings
    /// corrected, joined by single spaces; a question mark is a word of its own.</summary>
    public string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lowered = WithoutAccents(text.Length > ReadLength ? text[..ReadLength] : text).ToLowerInvariant()
            .Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('`', '\'').Replace("\u00df", "ss", StringComparison.Ordinal);
        if (_apostrophes == Apostrophes.Contractions)
        {
            lowered = Contracted(lowered);
        }

        var words = new StringBuilder(lowered.Length);
        var word = new StringBuilder();
        foreach (var c in lowered)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (word.Length < 2 || word[^1] != c || word[^2] != c)
                {
                    word.Append(c);
                }
            }
            else if (c != '\'' || _apostrophes == Apostrophes.Split)
            {
                Flush(words, word);
                if (c == '?' && (words.Length == 0 || words[^1] != '?'))
                {
                    Append(words, "?");
                }
            }
        }

        Flush(words, word);
        return words.ToString();
    }

    /// <summary>The text as the groups read it: normalised, with every denial of danger ("I don't feel
    /// unsafe", "not in danger", "he didn't threaten me") taken out, so that a denial is not read as the
    /// danger it names while anything else in the message still is ("he didn't threaten me, he's
    /// outside" is danger). A denial is only what the lexicon lists: "I'm not safe" and "I don't feel
    /// safe" are no denials, and a miss costs more than a false alarm.</summary>
    public string Read(string text)
    {
        var normalised = Normalise(text);
        return _denials is null || !_denials.IsMatch(normalised)
            ? normalised
            : string.Join(' ', _denials.Replace(normalised, " ").Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Whether <paramref name="read"/> (text as <see cref="Read"/> gives it) says that something
    /// happened again ("its started again", "hes doing it agian", "same thing as last time").</summary>
    public bool SaysAgain(string read) => _again?.IsMatch(read) == true;

    private static string Contracted(string lowered)
        => Contraction().Replace(lowered, m => m.Groups["ending"].Value switch
        {
            "n't" => " not",
            "'ll" => " will",
            "'m" => " am",
            "'re" => " are",
            "'ve" => " have",
            "'d" => " would",
            _ => " is",
        });

    private void Flush(StringBuilder words, StringBuilder word)
    {
        if (word.Length == 0)
        {
            return;
        }

        var said = word.ToString();
        word.Clear();
        Append(words, _expand.TryGetValue(said, out var expanded) ? expanded : _spelling.Correct(said));
    }

    private static void Append(StringBuilder words, string word)
    {
        if (word.Length == 0)
        {
            return;
        }

        if (words.Length > 0)
        {
            words.Append(' ');
        }

        words.Append(word);
    }

    internal static string WithoutAccents(string text)
    {
        // A message clipped in the middle of a surrogate pair (an emoji cut at the length limit) cannot
        // be normalised; UTF-8 round-tripping puts U+FFFD in place of the lone half.
        if (text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            text = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    [GeneratedRegex(@"(?<=[a-z])(?<ending>n't|'ll|'m|'re|'ve|'d|'s)(?![a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Contraction();

    /// <summary>One meaning's patterns as one expression, or a rule's cue classes, one expression each:
    /// the group matches when every one of them does.</summary>
    public sealed record CompiledGroup(Meaning Meaning, string Detail, IReadOnlyList<Regex> AllOf)
    {
        /// <summary>Whether every expression matches <paramref name="read"/>; a cue class several rules
        /// name is matched once a message, its answer kept in <paramref name="seen"/>.</summary>
        public bool IsMatch(string read, Dictionary<Regex, bool> seen)
        {
            ArgumentNullException.ThrowIfNull(seen);
            foreach (var pattern in AllOf)
            {
                if (!seen.TryGetValue(pattern, out var matched))
                {
                    matched = pattern.IsMatch(read);
                    seen[pattern] = matched;
                }

                if (!matched)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
