using IntakeBot.Conversation.Cards;
using System.Globalization;
using IntakeBot.Text;

namespace IntakeBot.Conversation;

/// <summary>Which choice a typed message means, for any choice step: its number as shown (1-based),
/// its title, its id, a short form or synonym from the catalog ("yeah", "to me", "idk"), a word of its
/// title that no other choice shares, the same with a slip of the keyboard ("yse", "somone else"), or
/// any of these before a comma ("nope, it stopped"); matched the tolerant way catalog words are
/// ("Witnesses.", "contact please"), in any of the catalog's languages. Nothing is guessed when two
/// choices could be meant.</summary>
public static class ChoiceMatcher
{
    /// <summary>A word of a title this short ("in", "and") says too little to pick a choice by.</summary>
    private const int ShortestTitleWord = 4;

    /// <summary>Below this length a typing slip is another word ("no" and "so"); from it, one slip is
    /// forgiven, and two from <see cref="TwoSlipsFrom"/>.</summary>
    private const int OneSlipFrom = 3;

    private const int TwoSlipsFrom = 8;

    public static Choice? Match(TextCatalog text, string? said, IReadOnlyList<Choice> choices)
        => Match(text, said, choices, freeText: false);

    /// <summary>At a question whose choices are only suggestions (<paramref name="freeText"/>), only a
    /// whole name or short form counts: a name typed there ("Ann") must not be read as a near word
    /// ("anon"), nor a date as a number.</summary>
    public static Choice? Match(TextCatalog text, string? said, IReadOnlyList<Choice> choices, bool freeText)
    {
        ArgumentNullException.ThrowIfNull(text);
        var typed = text.Normalize(said);
        if (typed.Length == 0)
        {
            return null;
        }

        if (int.TryParse(typed.TrimEnd('.', ')'), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return !freeText && number >= 1 && number <= choices.Count ? choices[number - 1] : null;
        }

        if (freeText)
        {
            return Only(choices.Select(c => (Choice: c, Names: Names(text, c))).Where(n => n.Names.Contains(typed))).Choice;
        }

        return ByName(text, typed, choices) is { } named
            ? named
            : typed.IndexOfAny([',', '.', '!', ';', '-']) is > 0 and var cut ? ByName(text, text.Normalize(typed[..cut]), choices) : null;
    }

    /// <summary>The choice a card button sent (its id in the submission), or none.</summary>
    public static Choice? Match(CardSubmission? submission, IReadOnlyList<Choice> choices)
        => submission is null ? null : choices.FirstOrDefault(c => string.Equals(c.Id, submission.Choice, StringComparison.Ordinal));

    private static Choice? ByName(TextCatalog text, string typed, IReadOnlyList<Choice> choices)
    {
        var names = choices.Select(c => (Choice: c, Names: Names(text, c))).ToList();
        if (Only(names.Where(n => n.Names.Contains(typed))) is var (exact, count) && count > 0)
        {
            return exact;
        }

        if (typed.Length >= ShortestTitleWord && Only(choices.Where(c => Words(text.Normalize(c.Title)).Contains(typed)).Select(c => (c, Names: (HashSet<string>)[]))) is ({ } byWord, _))
        {
            return byWord;
        }

        if (typed.Length < OneSlipFrom)
        {
            return null;
        }

        var slips = typed.Length >= TwoSlipsFrom ? 2 : 1;
        return Only(names.Where(n => n.Names.Any(name => name.Length >= OneSlipFrom && Distance(name, typed, slips) <= slips))) is ({ } near, _) ? near : null;
    }

    /// <summary>The one choice among <paramref name="candidates"/> (null when none or several), and how many there were.</summary>
    private static (Choice? Choice, int Count) Only(IEnumerable<(Choice Choice, HashSet<string> Names)> candidates)
    {
        var distinct = candidates.Select(c => c.Choice).Distinct().ToList();
        return (distinct.Count == 1 ? distinct[0] : null, distinct.Count);
    }

    private static HashSet<string> Names(TextCatalog text, Choice choice)
    {
        var names = new HashSet<string>(StringComparer.Ordinal)
        {
            text.Normalize(choice.Title),
            text.Normalize(choice.Id),
            text.Normalize(choice.Id.Replace('-', ' ')),
        };
        names.UnionWith(choice.ShortNames.Select(text.Normalize));
        // A catalog choice is also its title in every other language, and any name without accents:
        // people mix languages ("yes" in a German conversation), and "si" is "sí" typed without them.
        names.UnionWith(text.InEveryLanguage(choice.Title).Select(text.Normalize));
        names.UnionWith([.. names.Select(TextCatalog.Fold)]);
        return names;
    }

    private static IEnumerable<string> Words(string title)
        => title.Split([' ', ',', ';', ':', '(', ')', '/'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', '!', '?', '\''));

    /// <summary>Edits (a letter added, dropped, changed, or two swapped) between two words, counted up to
    /// <paramref name="most"/> + 1.</summary>
    private static int Distance(string a, string b, int most)
    {
        if (Math.Abs(a.Length - b.Length) > most)
        {
            return most + 1;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
