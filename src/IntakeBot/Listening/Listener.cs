using System.Text.RegularExpressions;
using IntakeBot.Text;

namespace IntakeBot.Listening;

/// <summary>Reads what a message means before the step it arrives at takes it: danger, self-harm and
/// threats, questions about the process, second thoughts, feelings, or none of these. In-process
/// rules over a lexicon per language (see <see cref="Lexicon"/>): no text leaves the app to be
/// understood, and a message is read in well under a millisecond.</summary>
public sealed class Listener(Lexicons lexicons, ILogger<Listener> logger)
{
    /// <summary>What <paramref name="text"/> means, read where it arrives, in the conversation's
    /// language and in English (people mix them), and in <paramref name="alsoIn"/> when the message was
    /// seen to be written in yet another language. Where the readings differ, the one that comes first
    /// in <see cref="Meaning"/> is taken: danger read in any language gets help.</summary>
    public Heard Hear(string? text, ListeningPlace place, string language, string? alsoIn = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Heard.Ordinary;
        }

        var heard = Hear(text, place, lexicons.English);
        foreach (var other in new[] { language, alsoIn }.Distinct().Where(l => l != ReaderLanguage.English))
        {
            if (lexicons.For(other) is { } lexicon && Hear(text, place, lexicon) is { Meaning: not Meaning.Ordinary } read
                && (heard.Meaning == Meaning.Ordinary || read.Meaning < heard.Meaning))
            {
                heard = read;
            }
        }

        return heard;
    }

    private Heard Hear(string text, ListeningPlace place, Lexicon lexicon)
    {
        var normalised = lexicon.Normalise(text);
        foreach (var group in lexicon.Groups)
        {
            if (place == ListeningPlace.NotesOfSomeoneElse && group.Meaning is not (Meaning.SelfHarm or Meaning.Danger or Meaning.Threat))
            {
                break;
            }

            try
            {
                if (group.Pattern.IsMatch(normalised))
                {
                    return new Heard(group.Meaning, group.Detail);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Read for danger first: a message too tangled to read in time is taken as it is.
                logger.LogWarning("A message took too long to read for {Meaning} in {Language} and was taken as written.", group.Meaning, lexicon.Language);
            }
        }

        return Heard.Ordinary;
    }
}
