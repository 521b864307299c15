namespace IntakeBot.Listening;

/// <summary>A combination of cue classes that means one thing: the rule holds when each class named in
/// <see cref="AllOf"/> matches somewhere in the message ("he" + "outside" + "now" is danger, "outside"
/// alone is none). One class alone can be a rule too, for a cue strong enough to offer help by itself.</summary>
public sealed record CueRule(Meaning Meaning, string Detail, IReadOnlyList<string> AllOf);
