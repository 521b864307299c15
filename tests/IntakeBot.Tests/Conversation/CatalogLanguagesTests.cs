using System.Text.RegularExpressions;
using IntakeBot.Text;

namespace IntakeBot.Tests.Conversation;

/// <summary>Every language file of the catalog (Text.&lt;language&gt;.json) says what the English one
/// says: the same keys, nothing more, the same placeholders as often and the same bold markers, so
/// that no message goes out half in English, without a value, or with broken Markdown.</summary>
public sealed partial class CatalogLanguagesTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Files = TextCatalog.Files();

    public static TheoryData<string> Translations => [.. Files.Keys.Where(l => l != ReaderLanguage.English).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_catalog_has_english_and_german_and_loads_every_language_file()
    {
        var catalog = TextCatalog.Load();

        Assert.Contains("de", catalog.Languages);
        Assert.Equal(ReaderLanguage.English, catalog.Languages[0]);
        Assert.Equal(Files.Keys.Order(StringComparer.Ordinal), catalog.Languages.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void A_language_has_every_english_key_and_no_other(string language)
    {
        var english = Files[ReaderLanguage.English].Keys.ToHashSet(StringComparer.Ordinal);
        var translated = Files[language].Keys.ToHashSet(StringComparer.Ordinal);

        Assert.Empty(english.Except(translated).Order(StringComparer.Ordinal));
        Assert.Empty(translated.Except(english).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void A_language_has_the_same_placeholders_and_bold_markers_as_english(string language)
    {
        var english = Files[ReaderLanguage.English];
        var differing = Files[language]
            .Where(entry => english.ContainsKey(entry.Key))
            .Where(entry => Placeholders(entry.Value) != Placeholders(english[entry.Key]) || Bold(entry.Value) != Bold(english[entry.Key]))
            .Select(entry => $"{entry.Key}: {Placeholders(english[entry.Key])} ** {Bold(english[entry.Key])} in English, {Placeholders(entry.Value)} ** {Bold(entry.Value)} in '{language}'")
            .ToList();

        Assert.NotEmpty(Files[language]);
        Assert.Empty(differing);
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void A_language_speaks_its_own_words_and_understands_the_english_ones(string language)
    {
        var catalog = TextCatalog.Load();
        using var reader = ReaderLanguage.Begin(language);

        Assert.Equal(Files[language][nameof(TextKey.ChoiceDone)], catalog[TextKey.ChoiceDone]);
        Assert.True(catalog.IsWord(Files[language][nameof(TextKey.ChoiceDone)], TextKey.ChoiceDone));
        Assert.True(catalog.IsWord("done", TextKey.ChoiceDone));
        Assert.True(catalog.IsWord("Skip.", TextKey.ChoiceSkip));
        Assert.True(catalog.IsNothing("none"));
    }

    [Fact]
    public void A_checked_text_with_a_lost_placeholder_or_bold_marker_differs()
    {
        Assert.NotEqual(Placeholders("Type **view {0}** to read it."), Placeholders("Schreiben Sie **view**, um sie zu lesen."));
        Assert.NotEqual(Bold("Type **view {0}** to read it."), Bold("Schreiben Sie **view {0}, um sie zu lesen."));
        Assert.Equal(Placeholders("on {0:yyyy-MM-dd}, {1}"), Placeholders("{1}, am {0:dd.MM.yyyy}"));
    }

    /// <summary>Each placeholder index with how often it appears, whatever its format ({0:yyyy-MM-dd}
    /// and {0:dd.MM.yyyy} are the same placeholder written the way each language writes dates).</summary>
    private static string Placeholders(string text)
        => string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Groups["index"].Value).Order(StringComparer.Ordinal));

    private static int Bold(string text) => Regex.Count(text, @"\*\*");

    [GeneratedRegex(@"\{(?<index>\d+)(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
