namespace IntakeBot.Listening;

/// <summary>One language's lexicon as stored (<c>Lexicon.&lt;language&gt;.json</c> beside this file):
/// how its words are normalised, which patterns mean what, and its most common words (by which a
/// message is told to be in this language), and the denials of danger taken out before the groups read
/// a message (<see cref="Lexicon.Read"/>), and the words that say something happened again
/// (<see cref="Lexicon.SaysAgain"/>), and the cue classes (kinds of words, such as who, where and
/// now) whose combinations the rules read as danger, threats or self-harm, with the figurative idioms
/// ("my boss will kill me if I'm late") taken out before they are read. See that file's <c>about</c>.</summary>
public sealed record LexiconFile(
    string Language,
    IReadOnlyDictionary<string, string> Expand,
    IReadOnlyList<string> Fuzzy,
    IReadOnlyList<LexiconGroup> Groups,
    Apostrophes Apostrophes = Apostrophes.Join,
    IReadOnlyList<string>? Common = null,
    IReadOnlyList<string>? Denials = null,
    IReadOnlyList<string>? Again = null,
    IReadOnlyList<string>? Figurative = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Cues = null,
    IReadOnlyList<CueRule>? Rules = null);
