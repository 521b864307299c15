using System.Text.RegularExpressions;
using IntakeBot.Conversation;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.Conversation;

public sealed class TextCatalogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Phrasings that judge the person, doubt them, or promise what the system cannot keep,
    /// written for each language of the catalog (a language without them fails the test).</summary>
    private static readonly Dictionary<string, string[]> Forbidden = new()
    {
        ["en"] =
        [
            "we will investigate", "will be investigated", "will be punished", "will be fired", "will be disciplined",
            "consequences", "guarantee", "promise", "100%", "completely confidential", "totally confidential",
            "nobody will ever", "no one will ever", "will be resolved", "will be fixed", "will be dealt with",
            "we will take action", "action will be taken", "will contact you", "will get back to you", "within 24 hours",
            "within a day", "are you sure", "why didn't you", "why did you", "you should have", "you shouldn't have",
            "really happen", "did it really", "overreact", "too sensitive", "just a joke", "misunderstood",
            "calm down", "not a big deal", "no big deal", "exaggerat", "harassment", "bullying", "abuse", "victim",
            "you must", "hurry", "as soon as possible", "hold together", "make sense of it yourself", "you need to",
            "should have reported", "only if it's serious", "real incident",
        ],
        ["de"] =
        [
            "wir werden ermitteln", "wird untersucht", "werden untersucht", "wird bestraft", "wird entlassen", "abgemahnt",
            "konsequenzen", "garantie", "garantier", "versprech", "verspreche", "100%", "100 %", "absolut vertraulich",
            "völlig vertraulich", "vollkommen vertraulich", "niemand wird je", "wird gelöst", "wird behoben", "wird geregelt",
            "wir werden maßnahmen", "maßnahmen ergriffen", "wird sich bei ihnen melden", "melden uns bei ihnen",
            "innerhalb von 24 stunden", "innerhalb eines tages", "sind sie sicher", "warum haben sie", "hätten sie",
            "wirklich passiert", "wirklich so", "überreagier", "zu empfindlich", "nur ein scherz", "nur ein witz",
            "missverstanden", "beruhigen sie sich", "keine große sache", "halb so wild", "übertreib", "belästigung",
            "mobbing", "missbrauch", "opfer", "sie müssen", "beeilen sie", "so schnell wie möglich", "sie sollten",
            "melden sollen", "nur wenn es ernst", "echter vorfall",
        ],
        ["fr"] =
        [
            "nous allons enquêter", "fera l'objet d'une enquête", "sera puni", "sera licencié", "sera sanctionné",
            "conséquences", "garanti", "promet", "promesse", "100%", "100 %", "totalement confidentiel",
            "complètement confidentiel", "personne ne saura jamais", "sera résolu", "sera réglé", "nous prendrons des mesures",
            "des mesures seront prises", "vous contactera", "reviendra vers vous", "dans les 24 heures", "dans la journée",
            "êtes-vous sûr", "êtes-vous certain", "pourquoi n'avez-vous pas", "pourquoi avez-vous", "vous auriez dû",
            "vraiment arrivé", "vraiment passé", "exagér", "trop sensible", "juste une blague", "mal compris", "calmez-vous",
            "pas si grave", "pas bien grave", "rien de grave", "harcèlement", "intimidation", "abus", "victime", "vous devez", "dépêchez", "dès que possible",
            "au plus vite", "seulement si c'est grave", "vrai incident",
        ],
        ["es"] =
        [
            "vamos a investigar", "será investigado", "será castigado", "será despedido", "será sancionado",
            "consecuencias", "garantiz", "prometo", "prometemos", "promesa", "100%", "100 %", "totalmente confidencial",
            "completamente confidencial", "nadie sabrá nunca", "se resolverá", "será resuelto", "tomaremos medidas",
            "se tomarán medidas", "nos pondremos en contacto", "le contactaremos", "en 24 horas", "en un día",
            "¿está seguro", "¿estás seguro", "¿por qué no", "¿por qué", "debería haber", "deberías haber",
            "realmente pasó", "de verdad pasó", "exager", "demasiado sensible", "solo una broma", "malinterpret",
            "cálmese", "cálmate", "no es para tanto", "acoso", "abuso", "víctima", "tienes que",
            "usted debe", "dese prisa", "lo antes posible", "cuanto antes", "solo si es grave", "incidente real",
        ],
    };

    /// <summary>Sentences about keeping and deleting, each with the configurations under which it is
    /// false: a catalog entry or built text that says one of them there claims more than the system does.</summary>
    private static readonly Dictionary<string, (Regex Claim, Func<RetentionFacts, bool> FalseWhen)[]> Claims = new()
    {
        ["en"] =
        [
            (new(@"nothing (from it |of it )?(was|is) kept|nothing (was|is) kept|nothing remains", RegexOptions.IgnoreCase), r => r.BackupRetention > TimeSpan.Zero),
            (new(@"can'?t be brought back|cannot be brought back|can'?t be recovered|cannot be recovered|gone for good|permanently|no (backup )?copies", RegexOptions.IgnoreCase), r => r.BackupRetention > TimeSpan.Zero),
            (new(@"no deadline|kept forever|for ever|indefinitely|never deleted|never expires", RegexOptions.IgnoreCase), r => r.DraftRetention > TimeSpan.Zero),
        ],
        ["de"] =
        [
            (new(@"nichts (davon )?(wurde|wird|ist|bleibt) (aufbewahrt|behalten)|(wurde|wird|ist) nichts (davon )?(aufbewahrt|behalten)|nichts bleibt|bleibt nichts|nichts übrig", RegexOptions.IgnoreCase), r => r.BackupRetention > TimeSpan.Zero),
            (new(@"nicht (mehr )?wiederhergestellt werden|nicht wiederherstellbar|unwiderruflich|endgültig|für immer weg|dauerhaft gelöscht|keine (sicherungs)?kopien", RegexOptions.IgnoreCase), r => r.BackupRetention > TimeSpan.Zero),
            (new(@"keine frist|für immer aufbewahrt|unbegrenzt|unbefristet|nie gelöscht|niemals gelöscht|läuft nie ab", RegexOptions.IgnoreCase), r => r.DraftRetention > TimeSpan.Zero),
        ],
        ["fr"] =
        [
            (new(@"rien n'(en )?(a été|est|sera) (conservé|gardé)|il ne (r)?reste rien|rien n'est resté", RegexOptions.IgnoreCase), r => r.BackupRetention > TimeSpan.Zero),
            (new(@"ne (peut|pourra) (plus )?(pas )?être récupéré|irrécupérable|définitivement|pour de bon|aucune copie|aucune sauvegarde", RegexOptions.IgnoreCase), r => r.BackupRetention > TimeSpan.Zero),
            (new(@"aucun délai|conservé pour toujours|indéfiniment|jamais supprimé|n'expire jamais", RegexOptions.IgnoreCase), r => r.DraftRetention > TimeSpan.Zero),
        ],
        ["es"] =
        [
            (new(@"no se (guardó|guarda|conservó|conserva) nada|no queda nada|nada (se guardó|se conservó|quedó)", RegexOptions.IgnoreCase), r => r.BackupRetention > TimeSpan.Zero),
            (new(@"no se (puede|podrá) recuperar|irrecuperable|permanentemente|definitivamente|ninguna copia|sin copias", RegexOptions.IgnoreCase), r => r.BackupRetention > TimeSpan.Zero),
            (new(@"sin plazo|para siempre|indefinidamente|nunca se (borra|elimina)|nunca caduca", RegexOptions.IgnoreCase), r => r.DraftRetention > TimeSpan.Zero),
        ],
    };

    /// <summary>The old discard sentence, as each language would say it: the honesty check must catch it.</summary>
    private static readonly Dictionary<string, string[]> OldDiscardSentence = new()
    {
        ["en"] = ["Your draft has been deleted, and nothing from it was kept.", "It can't be brought back afterwards."],
        ["de"] = ["Ihr Entwurf wurde gelöscht, und nichts davon wurde aufbewahrt.", "Er kann danach nicht mehr wiederhergestellt werden."],
        ["fr"] = ["Votre brouillon a été supprimé, et rien n'en a été conservé.", "Il ne pourra pas être récupéré ensuite."],
        ["es"] = ["Tu borrador se ha eliminado y no se guardó nada.", "No se podrá recuperar después."],
    };

    public static TheoryData<string> Languages => [.. TextCatalog.Load().Languages];

    /// <summary>Entries the bot says only under one configuration, chosen by the code that builds
    /// retention sentences (PrivacyText), with that configuration.</summary>
    private static readonly Dictionary<TextKey, Func<RetentionFacts, bool>> SaidOnlyWhen = new()
    {
        [TextKey.RetentionNoBackups] = r => r.BackupRetention == TimeSpan.Zero,
        [TextKey.RetentionBackups] = r => r.BackupRetention > TimeSpan.Zero,
        [TextKey.DiscardedBackups] = r => r.BackupRetention > TimeSpan.Zero,
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public void No_catalog_entry_judges_the_person_or_promises_an_outcome(string language)
    {
        var catalog = TextCatalog.Load();
        Assert.True(Forbidden.TryGetValue(language, out var forbidden), $"No judging or promising phrasings are written for '{language}'.");

        // Word lists are what a person may type, never what the bot says ("fui la víctima").
        var offending = catalog.In(language)
            .Where(entry => !entry.Key.ToString().StartsWith("Words", StringComparison.Ordinal))
            .SelectMany(entry => forbidden.Where(p => entry.Value.Contains(p, StringComparison.OrdinalIgnoreCase)).Select(p => $"{entry.Key}: \"{p}\""))
            .ToList();

        Assert.NotEmpty(catalog.In(language));
        Assert.Empty(offending);
    }

    public static TheoryData<string, int, int, int> LanguagesAndRetentions
    {
        get
        {
            var data = new TheoryData<string, int, int, int>();
            foreach (var language in TextCatalog.Load().Languages)
            {
                foreach (var (draft, closed, backup) in new[] { (30, 365, 35), (30, 365, 0), (7, 90, 14) })
                {
                    data.Add(language, draft, closed, backup);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(LanguagesAndRetentions))]
    public void No_sentence_about_keeping_or_deleting_claims_more_than_the_retention_settings(string language, int draftDays, int closedDays, int backupDays)
    {
        var retention = new RetentionFacts(TimeSpan.FromDays(draftDays), TimeSpan.FromDays(closedDays), TimeSpan.FromDays(backupDays));
        var catalog = TextCatalog.Load();
        Assert.True(Claims.TryGetValue(language, out var claims), $"No claims about keeping and deleting are written for '{language}'.");
        using var reader = ReaderLanguage.Begin(language);
        var said = catalog.All
            .Where(entry => !SaidOnlyWhen.TryGetValue(entry.Key, out var when) || when(retention))
            .Select(entry => (Source: entry.Key.ToString(), Text: entry.Value))
            .Append((Source: "privacy notice", Text: PrivacyText.Notice(catalog, retention, "the conduct team", "https://faq.test/")))
            .Append((Source: "discard", Text: PrivacyText.Discarded(catalog, retention)))
            .ToList();

        var overclaims = said
            .SelectMany(s => claims.Where(c => c.FalseWhen(retention) && c.Claim.IsMatch(s.Text)).Select(c => $"{s.Source}: \"{c.Claim.Match(s.Text).Value}\""))
            .ToList();

        Assert.Equal(catalog.In(language)[TextKey.ChoiceHelp], said.Single(s => s.Source == nameof(TextKey.ChoiceHelp)).Text);
        Assert.Empty(overclaims);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_honesty_check_catches_the_old_discard_sentence_when_storage_keeps_backups(string language)
    {
        var withBackups = new RetentionFacts(TimeSpan.FromDays(30), TimeSpan.FromDays(365), TimeSpan.FromDays(35));
        Assert.True(OldDiscardSentence.TryGetValue(language, out var sentences), $"No old discard sentence is written for '{language}'.");

        Assert.All(sentences, sentence => Assert.Contains(Claims[language], c => c.FalseWhen(withBackups) && c.Claim.IsMatch(sentence)));
    }

    [Fact]
    public void The_privacy_notice_and_discard_say_the_configured_periods()
    {
        var catalog = TextCatalog.Load();
        var retention = new RetentionFacts(TimeSpan.FromDays(30), TimeSpan.FromDays(365), TimeSpan.FromDays(35));

        var notice = PrivacyText.Notice(catalog, retention, "the conduct team", "https://faq.test/");

        Assert.Contains("30 days", notice, StringComparison.Ordinal);
        Assert.Contains("365 days", notice, StringComparison.Ordinal);
        Assert.Contains("35 days", notice, StringComparison.Ordinal);
        Assert.Contains("the conduct team", notice, StringComparison.Ordinal);
        Assert.Contains("35 days", PrivacyText.Discarded(catalog, retention), StringComparison.Ordinal);
        Assert.Equal(catalog[TextKey.Discarded], PrivacyText.Discarded(catalog, retention with { BackupRetention = TimeSpan.Zero }));
        Assert.Equal("20 hours", Durations.Format(catalog, TimeSpan.FromHours(20)));
        Assert.Equal("2 days", Durations.Format(catalog, TimeSpan.FromHours(25)));
    }

    [Theory]
    [InlineData("the conduct team", true)]
    [InlineData("**the** team", false)]
    [InlineData("the team\nand others", false)]
    [InlineData("", false)]
    public void The_owner_role_must_be_one_line_of_plain_words(string role, bool valid)
    {
        var options = new IntakeOptions { FaqUrl = "https://faq.test/", UrgentHelp = "the desk", CrisisHelp = "the crisis line", DefaultOwner = "owner@contoso.test", OwnerRole = role };

        Assert.Equal(valid, System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), null, validateAllProperties: true));
    }

    [Fact]
    public void Every_text_key_has_an_entry_and_the_catalog_loads()
    {
        var catalog = TextCatalog.Load();

        Assert.Equal(Enum.GetValues<TextKey>().Length, catalog.All.Count);
    }

    [Fact]
    public async Task Every_message_and_button_the_bot_sends_in_an_intake_comes_from_the_catalog()
    {
        var responder = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Intake:Responders:1"] = responder });
        var catalog = TextCatalog.Load();
        var templates = catalog.All.Values.Select(Template).ToList();
        var chat = new TeamsChat(app);
        var sent = new List<Microsoft.Bot.Schema.Activity>();
        string[] script =
        [
            "hello there", "help", "report", "", "done", "It happened", "done", "skip", "I saw it happen to someone else", "Tomorrow", "maybe", "Yes", "No", "carry on",
            "Both", "help", "report", "submit", "skip", "skip", "skip", "skip", "pause", "hi", "a pasted chat line", "done", "skip", "Email me", "skip",
            "edit", "When", "Yesterday", "discard", "Keep it", "submit",
        ];

        foreach (var line in script)
        {
            sent.AddRange(await chat.SendAsync(line));
        }

        var reference = Receipt.ReferenceIn(sent[^1].Text);
        foreach (var line in new[] { "my reports", $"add to {reference}", "more", "done", "add to IR-NOPE", "take a report" })
        {
            sent.AddRange(await chat.SendAsync(line));
        }

        var taking = new TeamsChat(app, responder);
        foreach (var line in new[] { "help", "take a report", "Prefers not to say", "They agreed", "tips", "notes", "done", "today", "Yes", "Online", "skip", "skip", "skip", "skip", "skip", "skip", "submit" })
        {
            sent.AddRange(await taking.SendAsync(line));
        }

        var texts = sent.Select(a => a.Text).Where(t => t is not null)
            .Concat(sent.Where(a => a.SuggestedActions is not null).SelectMany(a => a.SuggestedActions.Actions.Select(x => x.Title)))
            .ToList();
        Assert.True(texts.Count > script.Length);
        Assert.All(texts, text => Assert.Contains(templates, t => t.IsMatch(text!)));
    }

    private static Regex Template(string entry)
        => new($"^{Regex.Replace(Regex.Escape(entry), @"\\\{\d+}", "(.|\\n)*")}$", RegexOptions.CultureInvariant);
}
