using IntakeBot.Conversation.Cards;
using System.Globalization;
using IntakeBot.Text;

namespace IntakeBot.Conversation;

/// <summary>Which choice a typed message means, for any choice step: its number as shown (1-based),
/// its title, its id or a short name, or a word of its title that no other choice shares; matched
/// the tolerant way catalog words are ("Witnesses.", "contact please"); a catalog choice in any of the
/// catalog's languages.</summary>
public static class ChoiceMatcher
{
    /// <summary>A word of a title this short ("in", "and") says too little to pick a choice by.</summary>
    private const int ShortestTitleWord = 4;

    public static Choice? Match(TextCatalog text, string? said, IReadOnlyList<Choice> choices)
    {
        var typed = text.Normalize(said);
        if (typed.Length == 0)
        {
            return null;
        }

        if (int.TryParse(typed.TrimEnd('.', ')'), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number >= 1 && number <= choices.Count ? choices[number - 1] : null;
        }

        var folded = TextCatalog.Fold(typed);
        var exact = choices.Where(c => Names(text, c) is var names && (names.Contains(typed) || names.Contains(folded))).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }

        if (exact.Count > 1 || typed.Length < ShortestTitleWord)
        {
            return null;
        }

        var byWord = choices.Where(c => Words(text.Normalize(c.Title)).Contains(typed)).ToList();
        return byWord.Count == 1 ? byWord[0] : null;
    }

    /// <summary>The choice a card button sent (its id in the submission), or none.</summary>
    public static Choice? Match(CardSubmission? submission, IReadOnlyList<Choice> choices)
        => submission is null ? null : choices.FirstOrDefault(c => string.Equals(c.Id, submission.Choice, StringComparison.Ordinal));

    private static HashSet<string> Names(TextCatalog text, Choice choice)
    {
        var names = new HashSet<string>(StringComparer.Ordinal)
        {
            text.Normalize(choice.Title),
            text.Normalize(choice.Id),
            text.Normalize(choice.Id.Replace('-', ' ')),
        };
        names.UnionWith(choice.ShortNames.Select(text.Normalize));
        if (Enum.TryParse<TextKey>(choice.Id, out var key))
        {
            // A catalog choice is also its word in every other language, without accents too: people
            // mix languages ("yes" in a German conversation), and "si" is "sí" without the accent.
            names.UnionWith(text.InEveryLanguage(key).Select(text.Normalize).SelectMany(n => new[] { n, TextCatalog.Fold(n) }));
        }

        return names;
    }

    private static IEnumerable<string> Words(string title)
        => title.Split([' ', ',', ';', ':', '(', ')', '/'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', '!', '?', '\''));
}
