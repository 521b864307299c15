namespace IntakeBot.Listening;

/// <summary>What the listener read in one message: its meaning, and for a question its topic or for a
/// feeling which one (<see cref="Detail"/>, a lexicon name such as <c>WhoSees</c> or <c>Scared</c>).
/// <see cref="Again"/>, whatever the meaning: the message says that something happened again ("hes
/// doing it again"), which offers a reporter with a closed case a follow-on to it.</summary>
public sealed record Heard(Meaning Meaning, string? Detail = null, bool Again = false)
{
    public static readonly Heard Ordinary = new(Meaning.Ordinary);

    /// <summary>Danger, a threat or self-harm: help is given before anything else.</summary>
    public bool IsUrgent => Meaning is Meaning.SelfHarm or Meaning.Danger or Meaning.Threat;

    /// <summary>Urgent, or possible danger: either way the urgent-help contact is given first.</summary>
    public bool OffersHelp => IsUrgent || Meaning == Meaning.PossibleDanger;
}
