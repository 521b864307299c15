namespace IntakeBot.Listening;

/// <summary>What an apostrophe does to the words around it, which differs by language.</summary>
public enum Apostrophes
{
    /// <summary>Dropped, joining its two halves ("geht's" is "gehts"), as people who skip it write anyway.</summary>
    Join,

    /// <summary>English endings written out ("don't" is "do not", "he's" is "he is"), then dropped.</summary>
    Contractions,

    /// <summary>A word break ("j'ai" is "j ai", "qu'il" is "qu il"), so that an elided word is a word.</summary>
    Split,
}
