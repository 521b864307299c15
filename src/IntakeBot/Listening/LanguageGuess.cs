using System.Collections.Frozen;

namespace IntakeBot.Listening;

/// <summary>Which of the lexicons' languages a message is written in, from its most common words
/// ("und", "les", "pero"): each lexicon lists its own (<c>common</c>), and a word listed by several
/// languages ("me", "que", "was") counts for each of them in part. Chosen over a statistical detector
/// by measurement (docs/performance.md): it never took a message for the wrong language there, in a
/// fraction of the time and none of the memory, at the cost of saying nothing about more of the short
/// ones. Never says anything about a message of fewer than <see cref="FewestWords"/> words: one word
/// ("ok", "no", "si") is no language.</summary>
public sealed class LanguageGuess
{
    /// <summary>A message of fewer words is never taken for another language.</summary>
    public const int FewestWords = 3;

    /// <summary>The words' weight for the language must come to at least this, and to half as much
    /// again as any other language's: a name or a borrowed word does not switch anyone's language.</summary>
    private const double FewestOwnWords = 2;

    private const double Lead = 1.5;

    private readonly FrozenDictionary<string, string[]> _languagesOf;

    public LanguageGuess(Lexicons lexicons)
    {
        ArgumentNullException.ThrowIfNull(lexicons);
        _languagesOf = lexicons.Languages
            .SelectMany(l => lexicons.For(l)!.Common.Select(w => (Word: w, Language: l)))
            .GroupBy(p => p.Word, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Language).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The language <paramref name="text"/> is written in, or null when it is too short to
    /// tell or no language stands out.</summary>
    public string? Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var words = 0;
        foreach (var word in Words(text))
        {
            words++;
            if (_languagesOf.TryGetValue(word, out var languages))
            {
                foreach (var language in languages)
                {
                    weights[language] = weights.GetValueOrDefault(language) + 1.0 / languages.Length;
                }
            }
        }

        if (words < FewestWords || weights.Count == 0)
        {
            return null;
        }

        var ranked = weights.OrderByDescending(c => c.Value).ToList();
        var best = ranked[0];
        var next = ranked.Count > 1 ? ranked[1].Value : 0;
        return best.Value >= FewestOwnWords && best.Value >= Lead * next ? best.Key : null;
    }

    private static IEnumerable<string> Words(string text)
    {
        var folded = Lexicon.WithoutAccents(text.Length > Lexicon.ReadLength ? text[..Lexicon.ReadLength] : text)
            .ToLowerInvariant().Replace("\u00df", "ss", StringComparison.Ordinal);
        // A run of letters and digits is one token, and one with a digit in it ("4c2d", a reference)
        // is no word of any language: its letters alone would read as French "c" and "d".
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inToken = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inToken && start < 0)
            {
                start = i;
            }
            else if (!inToken && start >= 0)
            {
                var token = folded[start..i];
                if (!token.Any(char.IsDigit))
                {
                    yield return token;
                }

                start = -1;
            }
        }
    }
}
