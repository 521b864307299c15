namespace IntakeBot.Listening;

/// <summary>One language's lexicon as stored (<c>Lexicon.&lt;language&gt;.json</c> beside this file):
/// how its words are normalised and which patterns mean what. See that file's <c>about</c>.</summary>
public sealed record LexiconFile(
    string Language,
    IReadOnlyDictionary<string, string> Expand,
    IReadOnlyList<string> Fuzzy,
    IReadOnlyList<LexiconGroup> Groups);
