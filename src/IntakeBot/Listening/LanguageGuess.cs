using System.Collections.Frozen;

namespace IntakeBot.Listening;

/// <summary>Which of the lexicons' languages a message is written in, from its most common short
/// words ("und", "les", "que"): each lexicon lists its own (<c>common</c>), and a word listed by two
/// languages ("me", "la", "was") tells nothing and is left out. Chosen over a statistical detector by
/// measurement (docs/performance.md): as right on these messages of a few words or more, in a
/// hundredth of the time and none of the memory. Never says anything about a message of fewer than
/// <see cref="FewestWords"/> words: one word ("ok", "no", "si") is no language.</summary>
public sealed class LanguageGuess
{
    /// <summary>A message of fewer words is never taken for another language.</summary>
    public const int FewestWords = 3;

    /// <summary>At least this many of the language's own words, and more than twice as many as any
    /// other language's: a name or a borrowed word does not switch anyone's language.</summary>
    private const int FewestOwnWords = 2;

    private readonly FrozenDictionary<string, string> _languageOf;

    public LanguageGuess(Lexicons lexicons)
    {
        ArgumentNullException.ThrowIfNull(lexicons);
        var all = lexicons.Languages.Select(l => lexicons.For(l)!).ToList();
        _languageOf = all
            .SelectMany(l => l.Common.Select(w => (Word: w, l.Language)))
            .GroupBy(p => p.Word, StringComparer.Ordinal)
            .Where(g => g.Select(p => p.Language).Distinct(StringComparer.Ordinal).Count() == 1)
            .ToFrozenDictionary(g => g.Key, g => g.First().Language, StringComparer.Ordinal);
    }

    /// <summary>The language <paramref name="text"/> is written in, or null when it is too short to
    /// tell or no language stands out.</summary>
    public string? Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = 0;
        foreach (var word in Words(text))
        {
            words++;
            if (_languageOf.TryGetValue(word, out var language))
            {
                counts[language] = counts.GetValueOrDefault(language) + 1;
            }
        }

        if (words < FewestWords || counts.Count == 0)
        {
            return null;
        }

        var ranked = counts.OrderByDescending(c => c.Value).ToList();
        var best = ranked[0];
        var next = ranked.Count > 1 ? ranked[1].Value : 0;
        return best.Value >= FewestOwnWords && best.Value > 2 * next ? best.Key : null;
    }

    private static IEnumerable<string> Words(string text)
    {
        var folded = Lexicon.WithoutAccents(text.Length > Lexicon.ReadLength ? text[..Lexicon.ReadLength] : text)
            .ToLowerInvariant().Replace("\u00df", "ss", StringComparison.Ordinal);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var letter = i < folded.Length && char.IsLetter(folded[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return folded[start..i];
                start = -1;
            }
        }
    }
}
