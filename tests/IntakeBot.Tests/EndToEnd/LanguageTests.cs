using System.Text.RegularExpressions;
using IntakeBot.Cases.Answers;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>The reporter's language, through real turns over HTTP with the locale Teams sends.</summary>
public sealed partial class LanguageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TextCatalog Text = TextCatalog.Load();

    /// <summary>A whole report in German, as someone upset and in a hurry would type it.</summary>
    private static readonly string[] GermanReport =
    [
        "Hallo",
        "melden",
        "Er hat mich im Stand-up-Meeting vor allen angeschrien",
        "am nächsten tag wieder",
        "Fertig.",
        "nichts",
        "Es ist mir passiert",
        "letzten Dienstag morgens",
        "nein",
        "ja",
        "online",
        "im Teams-Meeting vom Team",
        "mein Teamleiter",
        "zwei Kollegen",
        "ich habe jetzt Angst vor Besprechungen",
        "uberspringen",
        "ich würde gern mit jemandem reden",
        "Ein Teams-Chat ist ok",
        "nachmittags",
    ];

    [Fact]
    public async Task A_whole_report_from_a_german_teams_client_is_in_german_with_no_english_sentence_or_command()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient(), locale: "de-DE");
        var shown = new List<string>();

        // Help and the privacy notice asked for midway, as someone unsure would.
        foreach (var line in GermanReport.Take(8).Concat(["hilfe", "datenschutz"]).Concat(GermanReport.Skip(8)).Append("absenden"))
        {
            shown.AddRange(await chat.ShownAsync(line));
        }

        var reference = Receipt.ReferenceIn(shown[^1]);
        Assert.StartsWith("Danke, dass Sie mir das erzählt haben. Ihre Meldung ist abgesendet", shown[^1], StringComparison.Ordinal);
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Equal(["Er hat mich im Stand-up-Meeting vor allen angeschrien", "am nächsten tag wieder"], record.Answers.WhatHappened);
        Assert.Equal("letzten Dienstag morgens", record.Answers.When);
        Assert.Equal(YesNoAnswer.No, record.Answers.StillHappening);
        Assert.Equal(YesNoAnswer.Yes, record.Answers.SafeNow);
        Assert.Equal("ich habe jetzt Angst vor Besprechungen", record.Answers.Impact);
        Assert.Equal("ich würde gern mit jemandem reden", record.Answers.AnythingElse);
        Assert.Contains(shown, text => text.Contains("**datenschutz**", StringComparison.Ordinal));
        Assert.Empty(EnglishSentencesIn(shown));
        Assert.Empty(EnglishCommandsIn(shown));
    }

    [Fact]
    public async Task Switching_to_german_mid_report_asks_the_same_question_in_german_and_loses_nothing()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient(), locale: "en-GB");
        await chat.SayAllAsync("report", "He shouted at me in the stand-up meeting", "done", "nothing", "It happened to me");

        var card = string.Join("\n", await chat.ExchangeAsync("Sprache"));
        var switched = await chat.ShownAsync("deutsch");

        Assert.True(card.Contains("Deutsch", StringComparison.Ordinal), card);
        Assert.Contains("English", card, StringComparison.Ordinal);
        Assert.Equal(Text.In("de")[TextKey.LanguageSwitched], switched[0]);
        Assert.StartsWith(Text.In("de")[TextKey.AskWhen], switched[^1], StringComparison.Ordinal);
        var rest = new List<string>();
        foreach (var line in new[] { "letzten Dienstag", "nein", "yes", "Online", "skip", "skip", "skip", "skip", "skip", "skip", "Ein Teams-Chat", "skip", "absenden" })
        {
            rest.AddRange(await chat.ShownAsync(line));
        }

        var record = await new CaseBlobs(azurite, app).CaseAsync(Receipt.ReferenceIn(rest[^1]));
        Assert.Equal(["He shouted at me in the stand-up meeting"], record.Answers.WhatHappened);
        Assert.Equal(RoleAnswer.HappenedToMe, record.Answers.Role);
        Assert.Equal("letzten Dienstag", record.Answers.When);
        Assert.Equal(YesNoAnswer.Yes, record.Answers.SafeNow);
        Assert.Empty(EnglishSentencesIn(rest));
    }

    [Fact]
    public async Task Language_with_a_name_switches_at_once_and_the_choice_outlasts_the_teams_locale()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient(), locale: "de-DE");
        var greeting = await chat.ShownAsync("hallo");

        var switched = await chat.ShownAsync("language english");
        var help = string.Join("\n", await chat.ShownAsync("help"));

        Assert.StartsWith(Text.In("de")[TextKey.GreetingReply], greeting[0], StringComparison.Ordinal);
        Assert.EndsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, Text.In("de")[TextKey.DangerFirst], BotApp.UrgentHelp), greeting[0], StringComparison.Ordinal);
        Assert.Equal(Text.In("en")[TextKey.LanguageSwitched], switched[0]);
        Assert.StartsWith("Here's what I can do:", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_german_reporter_is_told_of_the_acknowledgement_in_german_and_the_english_owner_reads_english()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        var owner = new HttpChat(app.CreateClient(), ownerAad, connector.ServiceUrl, locale: "en-US");
        await owner.SayAsync("hello");
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl, locale: "de-DE");
        await reporter.SayAllAsync(GermanReport);
        var reference = Receipt.ReferenceIn(string.Join("\n", await reporter.SayAsync("absenden")));
        var (_, toOwner) = await connector.WaitForSentAsync(a => a.Value<string>("text")?.Contains(reference, StringComparison.Ordinal) == true, Patience);

        await owner.SayAsync($"acknowledge {reference}");

        var (conversationId, toReporter) = await connector.WaitForSentAsync(a => a.Value<string>("text")?.StartsWith("Es gibt Neuigkeiten", StringComparison.Ordinal) == true, Patience);
        Assert.Equal($"A new report has been submitted to you. Reference: {reference}", toOwner.Value<string>("text"));
        Assert.Equal(reporter.ConversationId, conversationId);
        Assert.Equal(Text.In("de")[TextKey.ReporterCaseAcknowledged].Replace("{0}", reference, StringComparison.Ordinal), toReporter.Value<string>("text"));
    }

    /// <summary>The English catalog's sentences (four words or more, between placeholders) that appear
    /// in what the bot showed.</summary>
    private static List<string> EnglishSentencesIn(IEnumerable<string> shown)
    {
        var german = Text.In("de").Values.ToHashSet(StringComparer.Ordinal);
        var sentences = Text.In("en").Values
            .Where(entry => !german.Contains(entry))
            .SelectMany(entry => SentenceBreak().Split(entry))
            .Select(s => s.Trim(' ', '*', '-', '\n'))
            .Where(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return [.. shown.SelectMany(text => sentences.Where(s => text.Contains(s, StringComparison.Ordinal)))];
    }

    /// <summary>The English catalog's bold command words ("**add to**", "**my reports**") that are not
    /// also German command words ("pause" is both), where they appear in what the bot showed: a German
    /// reader is told the German words (the English ones are understood too, but are not the ones to
    /// tell them).</summary>
    private static List<string> EnglishCommandsIn(IEnumerable<string> shown)
    {
        // The German file as written: the loaded catalog adds the English words to every language's.
        var german = TextCatalog.Files()["de"]
            .Where(entry => entry.Key.StartsWith("Choice", StringComparison.Ordinal) || entry.Key.StartsWith("Verb", StringComparison.Ordinal))
            .SelectMany(entry => entry.Value.Replace("{0}", "", StringComparison.Ordinal).Split('|', StringSplitOptions.TrimEntries))
            .Select(word => word.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        var commands = BoldWords(Text.In("en").Values).Where(word => !german.Contains(word)).ToList();
        return [.. shown.SelectMany(text => commands.Where(word => text.Contains($"**{word}**", StringComparison.Ordinal) || text.Contains($"**{word} ", StringComparison.Ordinal)))];
    }

    private static IEnumerable<string> BoldWords(IEnumerable<string> entries)
        => entries.SelectMany(entry => BoldCommand().Matches(entry).Select(m => m.Groups["word"].Value)).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}|[.?!:]\s|\n")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\*\*(?<word>\p{Ll}[\p{Ll} ]*?)(?: \{\d+\}| IR-…)?\*\*")]
    private static partial Regex BoldCommand();
}
