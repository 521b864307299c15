using System.Globalization;
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

    private static string Format(string language, TextKey key, params object[] args)
        => string.Format(ReaderLanguage.CultureOf(language), Text.In(language)[key], args);

    private sealed record Typed(string Locale, string Report, string Done, string Pause, string Skip, string Submit, string MyReports, string View, string Cases, string Acknowledge, string Message, string Reply, string ShareWithNobody);
}
