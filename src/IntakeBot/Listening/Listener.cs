using System.Text.RegularExpressions;
using IntakeBot.Text;

namespace IntakeBot.Listening;

/// <summary>Reads what a message means before the step it arrives at takes it: danger, self-harm and
/// threats, possible danger, questions about the process, second thoughts, feelings, or none of these.
/// In-process rules over a lexicon per language (see <see cref="Lexicon"/>): phrase patterns, and
/// combinations of cue classes (who, where, now, fear, threat speech) that generalise beyond the
/// phrases; no text leaves the app to be understood, and a message is read in well under a
/// millisecond.</summary>
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
            if (lexicons.For(other) is not { } lexicon)
            {
                continue;
            }

            var read = Hear(text, place, lexicon);
            var again = heard.Again || read.Again;
            heard = read.Meaning != Meaning.Ordinary && (heard.Meaning == Meaning.Ordinary || read.Meaning < heard.Meaning) ? read with { Again = again } : heard with { Again = again };
        }

        return heard;
    }

    private Heard Hear(string text, ListeningPlace place, Lexicon lexicon)
    {
        string normalised;
        try
        {
            normalised = lexicon.Read(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // A denial too tangled to find in time is left in: it is read for danger as written.
            normalised = lexicon.Normalise(text);
        }

        var again = SaysAgain(normalised, lexicon);
        var seen = new Dictionary<Regex, bool>(ReferenceEqualityComparer.Instance);
        foreach (var group in lexicon.Groups)
        {
            if (place == ListeningPlace.NotesOfSomeoneElse && group.Meaning is not (Meaning.SelfHarm or Meaning.Danger or Meaning.Threat or Meaning.PossibleDanger))
            {
                break;
            }

            try
            {
                if (group.IsMatch(normalised, seen))
                {
                    return new Heard(group.Meaning, group.Detail, again);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Read for danger first: a message too tangled to read in time is taken as it is.
                logger.LogWarning("A message took too long to read for {Meaning} in {Language} and was taken as written.", group.Meaning, lexicon.Language);
            }
        }

        return again ? Heard.Ordinary with { Again = true } : Heard.Ordinary;
    }

    private static bool SaysAgain(string normalised, Lexicon lexicon)
    {
        try
        {
            return lexicon.SaysAgain(normalised);
        }
        catch (RegexMatchTimeoutException)
        {
            // Only an offer hangs on it: a message too tangled to read in time is taken as a new one.
            return false;
        }
    }
}
