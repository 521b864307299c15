using System.Text.RegularExpressions;

namespace IntakeBot.Listening;

/// <summary>Reads what a message means before the step it arrives at takes it: danger, self-harm and
/// threats, questions about the process, second thoughts, feelings, or none of these. In-process
/// rules over a lexicon (see <see cref="Lexicon"/>): no text leaves the app to be understood, and a
/// message is read in well under a millisecond.</summary>
public sealed class Listener(Lexicon lexicon, ILogger<Listener> logger)
{
    /// <summary>What <paramref name="text"/> means, read where it arrives.</summary>
    public Heard Hear(string? text, ListeningPlace place)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Heard.Ordinary;
        }

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
                logger.LogWarning("A message took too long to read for {Meaning} and was taken as written.", group.Meaning);
            }
        }

        return Heard.Ordinary;
    }
}
