using System.Text.RegularExpressions;

namespace IntakeBot.Text;

/// <summary>Tells a message that says when or how it is safe to contact the person ("Afternoons are
/// best", "pls only call after 5", "mornings work better for me") from more of the account: it names a
/// time or a way of contact, says a wish about it, and speaks of nobody else ("he works afternoons" is
/// the account). The words are catalog lists (<see cref="TextKey.WordsContactTimes"/>,
/// <see cref="TextKey.WordsContactWish"/>, <see cref="TextKey.WordsSomeoneElse"/>), so each language
/// brings its own.</summary>
public static partial class ContactTimes
{
    /// <summary>Longer than this, a message is telling more than a wish about contact.</summary>
    private const int MaxWords = 12;

    public static bool Says(TextCatalog text, string? said)
    {
        var words = TypedPhrases.Words(text, said);
        var count = TypedPhrases.WordCount(words);
        return count > 0 && count <= MaxWords
            && (TypedPhrases.Has(text, said, TextKey.WordsContactTimes) || ClockTime().IsMatch(words))
            && TypedPhrases.Has(text, said, TextKey.WordsContactWish)
            && !TypedPhrases.Has(text, said, TextKey.WordsSomeoneElse);
    }

    /// <summary>"5", "5pm", "17h", "9 30", "10am": a time of day said in figures.</summary>
    [GeneratedRegex(@"(^| )([01]?[0-9]|2[0-3])( ?[0-5][0-9])?( ?(am|pm|h|uhr))?( |$)", RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();
}
