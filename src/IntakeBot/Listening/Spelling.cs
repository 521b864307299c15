using System.Collections.Concurrent;

namespace IntakeBot.Listening;

/// <summary>Takes a misspelt key word for the word it was meant to be ("sucide" for "suicide",
/// "threatning" for "threatening"): one letter added, dropped, changed or two swapped, two for long
/// words. Only the lexicon's fuzzy words are corrected to, and they are chosen so that no common word
/// is one letter from one of them ("talking" is not taken for "stalking").</summary>
public sealed class Spelling
{
    /// <summary>Words seen stay remembered up to this many, so that the correction of a word is
    /// worked out once; beyond it words are worked out each time.</summary>
    private const int RememberedWords = 20_000;

    private const int ShortestCorrected = 5;

    private readonly string[] _words;
    private readonly HashSet<string> _known;
    private readonly ConcurrentDictionary<string, string> _corrected = new(StringComparer.Ordinal);

    public Spelling(IEnumerable<string> words)
    {
        _words = [.. words.Distinct(StringComparer.Ordinal)];
        _known = [.. _words];
    }

    /// <summary>The word as it was meant, or the word itself.</summary>
    public string Correct(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < ShortestCorrected || _known.Contains(word))
        {
            return word;
        }

        if (_corrected.TryGetValue(word, out var known))
        {
            return known;
        }

        var corrected = Closest(word) ?? word;
        if (_corrected.Count < RememberedWords)
        {
            _corrected.TryAdd(word, corrected);
        }

        return corrected;
    }

    private string? Closest(string word)
    {
        var allowed = word.Length >= 9 ? 2 : 1;
        string? best = null;
        var bestDistance = allowed + 1;
        foreach (var candidate in _words)
        {
            if (Math.Abs(candidate.Length - word.Length) > allowed || candidate.Length < ShortestCorrected)
            {
                continue;
            }

            var distance = Distance(word, candidate, allowed);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance (a swap of neighbours counts one), or more than
    /// <paramref name="limit"/> as soon as it is sure to be.</summary>
    private static int Distance(string a, string b, int limit)
    {
        Span<int> before = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowBest = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
                rowBest = Math.Min(rowBest, value);
            }

            if (rowBest > limit)
            {
                return limit + 1;
            }

            var spare = before;
            before = previous;
            previous = current;
            current = spare;
        }

        return previous[b.Length];
    }
}
