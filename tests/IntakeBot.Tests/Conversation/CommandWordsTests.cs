using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.Conversation;

/// <summary>Commands are read in the conversation's language and in English, from the catalog, and
/// never out of someone's account.</summary>
public sealed class CommandWordsTests
{
    private static readonly TextCatalog Text = TextCatalog.Load();

    public static TheoryData<string> Languages => [.. Text.Languages];

    [Theory]
    [InlineData("de", "ansehen IR-ABCD2345", TextKey.VerbView)]
    [InlineData("de", "Bitte ansehen ir-abcd2345!", TextKey.VerbView)]
    [InlineData("de", "Ergänzen IR-ABCD2345", TextKey.VerbAddTo)]
    [InlineData("de", "ergaenzen IR-ABCD2345", TextKey.VerbAddTo)]
    [InlineData("de", "ergänzen zu IR-ABCD2345.", TextKey.VerbAddTo)]
    [InlineData("fr", "Voir IR-ABCD2345 svp", TextKey.VerbView)]
    [InlineData("fr", "ajouter a IR-ABCD2345", TextKey.VerbAddTo)]
    [InlineData("fr", "accuser reception IR-ABCD2345", TextKey.VerbAcknowledge)]
    [InlineData("es", "añadir a IR-ABCD2345", TextKey.VerbAddTo)]
    [InlineData("es", "Anadir a IR-ABCD2345", TextKey.VerbAddTo)]
    [InlineData("es", "ver IR-ABCD2345, por favor", TextKey.VerbView)]
    [InlineData("es", "view IR-ABCD2345", TextKey.VerbView)]
    [InlineData("de", "add it to IR-ABCD2345", TextKey.VerbAddTo)]
    public void A_verb_is_read_in_the_conversations_language_and_in_english_whatever_the_case_accents_and_politeness(string language, string said, TextKey? verb)
    {
        using var reader = ReaderLanguage.Begin(language);

        var command = Text.Commands.Read(said, TextKey.VerbView, TextKey.VerbAddTo, TextKey.VerbAcknowledge);

        Assert.Equal(verb, command?.Verb);
        if (command is not null)
        {
            Assert.Equal("IR-ABCD2345", command.Reference);
            Assert.True(command.Ends, said);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_verb_has_forms_in_every_language_and_its_english_forms_work_there(string language)
    {
        using var reader = ReaderLanguage.Begin(language);
        var verbs = Enum.GetValues<TextKey>().Where(k => k.ToString().StartsWith("Verb", StringComparison.Ordinal)).ToList();

        var unread = verbs
            .SelectMany(verb => TextCatalog.Files()[language][verb.ToString()].Split('|').Concat(TextCatalog.Files()[ReaderLanguage.English][verb.ToString()].Split('|')).Select(form => (Verb: verb, Form: form)))
            .Where(v => Text.Commands.Read($"{v.Form} IR-ABCD2345", v.Verb) is not { Reference: "IR-ABCD2345" })
            .Select(v => $"{v.Verb}: {v.Form}")
            .ToList();

        Assert.Contains(TextKey.VerbView, verbs);
        Assert.Empty(unread);
    }

    [Theory]
    [InlineData("en", "view please")]
    [InlineData("de", "ansehen bitte!")]
    [InlineData("es", "ver, por favor")]
    public void A_verb_with_only_a_polite_word_after_it_names_no_case(string language, string said)
    {
        using var reader = ReaderLanguage.Begin(language);

        var command = Text.Commands.Read(said, TextKey.VerbView);

        Assert.NotNull(command);
        Assert.False(command.HasReference);
    }

    [Theory]
    [InlineData("de", "nachricht IR-ABCD2345 bestätigen Können wir reden?", "Können wir reden?")]
    [InlineData("fr", "message IR-ABCD2345 confirmer Pouvons-nous parler ?", "Pouvons-nous parler ?")]
    [InlineData("es", "mensaje IR-ABCD2345 confirm ¿Podemos hablar?", "¿Podemos hablar?")]
    [InlineData("en", "message IR-ABCD2345 Confirm, could we talk?", "could we talk?")]
    public void The_words_after_the_reference_are_kept_as_written_and_a_confirmation_is_found_in_either_language(string language, string said, string message)
    {
        using var reader = ReaderLanguage.Begin(language);

        var command = Text.Commands.Read(said, TextKey.VerbMessage);

        Assert.NotNull(command);
        Assert.Equal(message, Text.Commands.After(command.Rest, TextKey.VerbConfirm));
    }

    [Theory]
    [InlineData("de", "Nachricht von meinem Chef: er hat mich vor allen angeschrien")]
    [InlineData("de", "Teilen wollte er nichts, er hat nur geschrien")]
    [InlineData("fr", "Note que ce n'est pas la première fois qu'il crie")]
    [InlineData("es", "Mensaje de mi jefe diciendo que soy inútil")]
    [InlineData("es", "Ver a mi jefe cada día me da miedo")]
    [InlineData("en", "note that he shouted at me again in the meeting")]
    [InlineData("en", "Message from my manager was abusive")]
    public void An_account_that_starts_with_a_verb_is_never_read_as_a_command(string language, string said)
    {
        using var reader = ReaderLanguage.Begin(language);
        Assert.NotNull(Text.Commands.Read("note IR-ABCD2345 called back", CommandWords.NamingACase.ToArray()));

        Assert.Null(Text.Commands.Read(said, [.. CommandWords.NamingACase]));
    }

    [Fact]
    public void No_conversation_handler_owns_a_pattern_for_command_words()
    {
        var handlers = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "IntakeBot", "Conversation"), "*.cs", SearchOption.AllDirectories)
            .Append(Path.Combine(RepoPaths.Root, "src", "IntakeBot", "Capture", "MessageCapture.cs"))
            .ToList();

        Assert.Contains(handlers, h => File.ReadAllText(h).Contains("Commands.Read(", StringComparison.Ordinal));
        Assert.Empty(handlers.Where(h => File.ReadAllText(h).Contains("Regex", StringComparison.Ordinal)).Select(Path.GetFileName));
    }
}
