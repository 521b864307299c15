using System.Collections.Frozen;
using IntakeBot.Text;

namespace IntakeBot.Listening;

/// <summary>Every lexicon shipped (one <c>Lexicon.&lt;language&gt;.json</c> per language): adding a
/// language to the listener is adding its file. Loaded and compiled at start-up, so that a broken
/// pattern stops the app.</summary>
public sealed class Lexicons
{
    private readonly FrozenDictionary<string, Lexicon> _byLanguage;

    private Lexicons(IEnumerable<Lexicon> lexicons)
    {
        _byLanguage = lexicons.ToFrozenDictionary(l => l.Language, StringComparer.Ordinal);
        if (!_byLanguage.ContainsKey(ReaderLanguage.English))
        {
            throw new InvalidOperationException("The English lexicon is missing from the build: it is read in every language.");
        }

        Languages = [.. _byLanguage.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Languages { get; }

    public static Lexicons Load() => new(Lexicon.Shipped().Select(Lexicon.Load));

    public Lexicon English => _byLanguage[ReaderLanguage.English];

    /// <summary>The lexicon of <paramref name="language"/>, or null when none is shipped for it.</summary>
    public Lexicon? For(string? language)
        => language is not null && _byLanguage.TryGetValue(language, out var lexicon) ? lexicon : null;
}
