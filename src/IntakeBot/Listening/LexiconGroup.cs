namespace IntakeBot.Listening;

/// <summary>Patterns that mean one thing (<see cref="Meaning"/>, with a detail such as a question's topic).</summary>
public sealed record LexiconGroup(Meaning Meaning, string Detail, IReadOnlyList<string> Patterns);
