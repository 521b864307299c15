using System.Text.RegularExpressions;
using IntakeBot.Cases.Answers;
using IntakeBot.Conversation;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>A whole report in German, French and Spanish, through real turns over HTTP with the locale
/// Teams sends: every word the bot shows comes from that language's own catalog file or from what the
/// person typed, so a key the language lacks (which would say it in English), a placeholder left
/// unfilled or a key's name shown instead of its text fails the test.</summary>
public sealed partial class WholeReportLanguageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>What someone upset and in a hurry would type, greeting to submit: a question about who
    /// reads it asked at the "when" step and answered without keeping it, a skipped step, and at the
    /// review a correction of "when" by the part's name.</summary>
    private static readonly TextCatalog Text = TextCatalog.Load();

    private static readonly Dictionary<string, Played> Reports = new(StringComparer.Ordinal)
    {
        ["de"] = new("de-DE",
        [
            "Hallo",
            "melden",
            "Er hat mich im Stand-up-Meeting vor allen angeschrien",
            "am nächsten tag wieder",
            "Fertig.",
            "nichts",
            "Es ist mir passiert",
            "wer kriegt das eigentlich zu lesen?",
            "nein, nur die antwort",
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
            "wann",
            "letzten Montag morgens, nicht Dienstag",
        ], "absenden", "letzten Montag morgens, nicht Dienstag", "ich habe jetzt Angst vor Besprechungen"),
        ["fr"] = new("fr-FR",
        [
            "Bonjour",
            "signaler",
            "Il m'a crié dessus devant toute l'équipe pendant la réunion",
            "et il a recommencé le lendemain",
            "terminé",
            "rien",
            "Cela m'est arrivé",
            "qui va lire ça ?",
            "non, juste la reponse",
            "mardi dernier vers 10h",
            "non",
            "oui",
            "en ligne",
            "dans la réunion Teams de l'équipe",
            "mon chef d'équipe",
            "deux collègues",
            "je dors mal et j'évite les réunions maintenant",
            "passer",
            "j'aimerais en parler à quelqu'un",
            "Une conversation Teams",
            "plutôt l'après-midi",
            "quand",
            "en fait c'était lundi dernier vers 10h",
        ], "envoyer", "en fait c'était lundi dernier vers 10h", "je dors mal et j'évite les réunions maintenant"),
        ["es"] = new("es-ES",
        [
            "Hola",
            "informar",
            "Me gritó delante de todo el equipo en la reunión",
            "y al dia siguiente otra vez",
            "listo",
            "nada",
            "Me pasó a mí",
            "quien va a leer esto??",
            "no, solo la respuesta",
            "el martes pasado por la mañana",
            "no",
            "si",
            "en línea",
            "en la reunión de Teams del equipo",
            "mi jefe de equipo",
            "dos compañeros",
            "duermo mal y ahora evito las reuniones",
            "omitir",
            "me gustaría hablar con alguien",
            "Un chat de Teams",
            "por las tardes",
            "cuando",
            "fue el lunes pasado por la mañana, no el martes",
        ], "enviar", "fue el lunes pasado por la mañana, no el martes", "duermo mal y ahora evito las reuniones"),
    };

    /// <summary>What the configuration says, in whatever language it was written: the contacts, the
    /// FAQ and the owner role (one setting for every language; its default is English).</summary>
    private static readonly string[] Configured = [BotApp.UrgentHelp, BotApp.CrisisHelp, BotApp.FaqUrl, BotApp.DefaultOwner, new IntakeOptions().OwnerRole];

    public static TheoryData<string> Languages => [.. Reports.Keys];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_whole_report_with_a_question_a_skip_and_a_correction_shows_only_that_languages_catalog_and_what_the_person_typed(string language)
    {
        await using var app = new BotApp(azurite);
        var played = Reports[language];
        var chat = new HttpChat(app.CreateClient(), locale: played.Locale);
        var shown = new List<string>();

        foreach (var line in played.Lines.Append(played.Submit))
        {
            shown.AddRange(await chat.ShownAsync(line));
        }

        var reference = Receipt.ReferenceIn(shown[^1]);
        var catalog = Text.In(language);
        Assert.StartsWith(Before(catalog[TextKey.SubmittedReceipt]), shown[^1], StringComparison.Ordinal);
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Equal(played.CorrectedWhen, record.Answers.When);
        Assert.Equal(played.Impact, record.Answers.Impact);
        Assert.Equal(RoleAnswer.HappenedToMe, record.Answers.Role);
        Assert.Contains(catalog[TextKey.QuestionNotKept], shown);
        Assert.Equal(2, shown.Count(text => text.StartsWith(Before(catalog[TextKey.ReviewCardText]), StringComparison.Ordinal)));
        List<string> unfilled = [.. shown.Where(text => Placeholder().IsMatch(text))];
        List<string> unexplained = [.. shown.Select(text => Unexplained(text, language, played.Lines)).Where(rest => rest.Length > 0)];
        Assert.Empty(unfilled);
        Assert.Empty(unexplained);
    }

    /// <summary>What is left of a reply once every piece of the language's own catalog file (the
    /// literal text between placeholders), everything the person typed, the case reference and the
    /// configured contacts are taken out: only the words nobody wrote for this language.</summary>
    private static string Unexplained(string shown, string language, IEnumerable<string> typed)
    {
        var rest = Reference().Replace(shown, " ");
        foreach (var piece in Pieces(language).Concat(typed).Concat(Configured).Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length))
        {
            // Whole words only: "Ja" is no part of "Jahr"; a piece that starts or ends with punctuation
            // may touch anything there (": Niemand" after a phone number).
            var before = char.IsLetterOrDigit(piece[0]) ? @"(?<![\p{L}\p{N}])" : string.Empty;
            var after = char.IsLetterOrDigit(piece[^1]) ? @"(?![\p{L}\p{N}])" : string.Empty;
            rest = Regex.Replace(rest, before + Regex.Escape(piece) + after, " ", RegexOptions.CultureInvariant);
        }

        var words = Letters().Matches(rest).Select(m => m.Value).ToList();
        return words.Count == 0 ? string.Empty : $"{string.Join(' ', words)}  ⟵  {shown}";
    }

    /// <summary>The language's file as written (not the loaded catalog, which says a missing key in
    /// English), each entry cut at its placeholders, lines and word-list bars.</summary>
    private static IEnumerable<string> Pieces(string language)
        => TextCatalog.Files()[language].Values
            .SelectMany(entry => Placeholder().Split(entry).SelectMany(part => part.Split('\n', '|')))
            .Select(piece => piece.Trim())
            .Where(piece => piece.Any(char.IsLetter));

    private static string Before(string entry) => entry.Split('{')[0];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"IR-[A-Z0-9]+")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Letters();

    private sealed record Played(string Locale, string[] Lines, string Submit, string CorrectedWhen, string Impact);
}
