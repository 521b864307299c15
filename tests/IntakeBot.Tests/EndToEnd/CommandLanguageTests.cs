using System.Globalization;
using Newtonsoft.Json.Linq;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>Commands in the reporter's and the owner's language, through real turns over HTTP with the
/// locale Teams sends: each native word does what the English one does, and the English words keep
/// working beside them.</summary>
public sealed class CommandLanguageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TextCatalog Text = TextCatalog.Load();

    /// <summary>What a person would type in each language, short and without accents where people drop them.</summary>
    private static readonly Dictionary<string, Typed> Words = new(StringComparer.Ordinal)
    {
        ["de"] = new("de-DE", "melden", "Fertig", "pausieren", "weglassen", "abschicken", "meine meldungen", "ansehen", "meine faelle", "bestaetigen", "nachricht", "antworten", "teilen {0} mit"),
        ["fr"] = new("fr-FR", "signaler", "termine", "mettre en pause", "passer", "envoyer", "mes signalements", "voir", "mes dossiers", "accuser reception", "message", "repondre", "partager {0} avec"),
        ["es"] = new("es-ES", "informar", "listo", "pausar", "saltar", "enviar", "mis reportes", "ver", "mis casos", "acusar recibo", "mensaje", "responder", "compartir {0} con"),
    };

    public static TheoryData<string> Languages => [.. Words.Keys];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Report_done_pause_and_skip_typed_in_the_conversations_language_do_what_the_english_words_do(string language)
    {
        await using var app = new BotApp(azurite);
        var words = Words[language];
        var native = new HttpChat(app.CreateClient(), locale: words.Locale);
        var english = new HttpChat(app.CreateClient(), locale: words.Locale);
        string[][] steps =
        [
            [words.Report, "report"],
            ["He shouted at me in front of everyone", "He shouted at me in front of everyone"],
            [words.Done, "done"],
            [words.Pause, "pause"],
            [words.Skip, "skip"],
        ];

        var shown = new List<IReadOnlyList<string>>();
        foreach (var step in steps)
        {
            var byEnglish = await english.ShownAsync(step[1]);
            shown.Add(await native.ShownAsync(step[0]));
            Assert.Equal(byEnglish, shown[^1]);
        }

        Assert.StartsWith(Text.In(language)[TextKey.Paused], shown[3][0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_reporter_submits_lists_and_reads_with_their_languages_words_and_the_english_answers_work_there(string language)
    {
        await using var app = new BotApp(azurite);
        var words = Words[language];
        var reporter = new HttpChat(app.CreateClient(), locale: words.Locale);
        // The answers of the English intake, typed in a conversation in another language.
        await reporter.SayAllAsync(Intake.UpToReview());

        var reference = Receipt.ReferenceIn(string.Join("\n", await reporter.ShownAsync(words.Submit)));
        var mine = string.Join("\n", await reporter.ShownAsync(words.MyReports));
        var view = string.Join("\n", await reporter.ShownAsync($"{words.View} {reference.ToLowerInvariant()}"));

        Assert.NotEmpty(reference);
        Assert.StartsWith(Text.In(language)[TextKey.MyReportsHeader].Split('{')[0], mine, StringComparison.Ordinal);
        Assert.Contains(reference, mine, StringComparison.Ordinal);
        Assert.Contains(Format(language, TextKey.ViewTitle, reference), view, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_owner_moves_and_writes_on_a_case_with_their_languages_verbs_and_the_english_ones_and_the_reporter_replies_in_theirs(string language)
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var words = Words[language];
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        var owner = new HttpChat(app.CreateClient(), ownerAad, connector.ServiceUrl, locale: words.Locale);
        await owner.SayAsync("hello");
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl, locale: words.Locale);
        await reporter.SayAllAsync(Intake.UpToReview());
        var reference = Receipt.ReferenceIn(string.Join("\n", await reporter.SayAsync("submit")));
        await connector.WaitForSentAsync(a => a.Value<string>("text")?.Contains(reference, StringComparison.Ordinal) == true, Patience);

        var cases = string.Join("\n", await owner.ShownAsync(words.Cases));
        var acknowledged = await owner.ShownAsync($"{words.Acknowledge} {reference}");
        var sent = await owner.ShownAsync($"{words.Message} {reference} 14:00?");
        var replied = await reporter.ShownAsync($"{words.Reply} {reference} ok, 14:00");
        var shareUsage = await owner.ShownAsync(string.Format(CultureInfo.InvariantCulture, words.ShareWithNobody, reference));
        var card = await owner.ExchangeAsync($"case {reference}");
        var englishUsage = await owner.ShownAsync($"share {reference} with");

        Assert.Contains(reference, cases, StringComparison.Ordinal);
        Assert.Equal([Format(language, TextKey.StatusChanged, reference, Text.In(language)[TextKey.StatusAcknowledged])], acknowledged);
        Assert.Equal([Format(language, TextKey.MessageSent, reference)], sent);
        Assert.Equal([Format(language, TextKey.ReplySent, reference)], replied);
        Assert.Equal([Text.In(language)[TextKey.ShareUsage]], shareUsage);
        Assert.NotNull(Assert.Single(card)["attachments"]);
        Assert.Equal(shareUsage, englishUsage);
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Equal(["14:00?", "ok, 14:00"], record.Messages.Select(m => m.Text));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Each_command_picked_from_the_teams_menu_in_the_users_language_is_answered_as_its_english_title_is(string language)
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var owner = Guid.NewGuid().ToString();
        connector.KnowMember(owner, BotApp.DefaultOwner);
        var menu = MenuTitles(JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "manifest", "manifest.template.json"))), language);
        var replies = new List<(string Title, IReadOnlyList<string> Native, IReadOnlyList<string> English)>();

        // Teams puts the picked command's title, as the menu shows it in the user's language, in the
        // compose box and sends it as the message: each in a conversation of its own, as a first message.
        foreach (var (english, localized) in menu)
        {
            var native = await new HttpChat(app.CreateClient(), owner, connector.ServiceUrl, locale: Words[language].Locale).ShownAsync(localized);
            var byEnglish = await new HttpChat(app.CreateClient(), owner, connector.ServiceUrl, locale: Words[language].Locale).ShownAsync(english);
            replies.Add((localized, native, byEnglish));
        }

        Assert.DoesNotContain(menu, title => menu.Any(other => other.English == title.Localized));
        Assert.All(replies, reply => Assert.NotEmpty(reply.Native));
        Assert.All(replies, reply => Assert.Equal(reply.English, reply.Native));
        Assert.StartsWith(Text.In(language)[TextKey.GeneralHelp].Split('\n')[0], replies[^1].Native[0], StringComparison.Ordinal);
        Assert.StartsWith(Text.In(language)[TextKey.ShareUsage].Split('*')[0], replies[6].Native[0], StringComparison.Ordinal);
    }

    private static string Format(string language, TextKey key, params object[] args)
        => string.Format(ReaderLanguage.CultureOf(language), Text.In(language)[key], args);

    /// <summary>The personal command menu's titles in English, each with its title in the manifest's
    /// file for <paramref name="language"/>.</summary>
    private static List<(string English, string Localized)> MenuTitles(JObject manifest, string language)
    {
        var file = manifest.SelectToken("localizationInfo.additionalLanguages")!.First(l => l.Value<string>("languageTag")!.StartsWith(language, StringComparison.Ordinal)).Value<string>("file")!;
        var strings = JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "manifest", file)));
        return [.. manifest.SelectToken("bots[0].commandLists[0].commands")!.Select((command, i) => (command.Value<string>("title")!, strings.Value<string>($"bots[0].commandLists[0].commands[{i}].title")!))];
    }

    private sealed record Typed(string Locale, string Report, string Done, string Pause, string Skip, string Submit, string MyReports, string View, string Cases, string Acknowledge, string Message, string Reply, string ShareWithNobody);
}
