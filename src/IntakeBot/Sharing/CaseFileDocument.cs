using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using IntakeBot.Cases;
using IntakeBot.Text;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace IntakeBot.Sharing;

/// <summary>The case file as a Word document: a Highly Confidential banner in header and footer, the
/// case's facts, its answers, what was added later, the evidence list with sizes and SHA-256 hashes,
/// and the transcript.</summary>
public static class CaseFileDocument
{
    public static MemoryStream Build(TextCatalog text, CaseRecord record, IReadOnlyList<TranscriptEntry> transcript)
    {
        var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(Banner(text));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(Banner(text));

            var body = new Body();
            body.Append(Heading(text.Format(TextKey.DocTitle, record.Reference), "36"));
            body.Append(Table(
                [text[TextKey.DocFactReference], record.Reference],
                [text[TextKey.DocFactClassification], record.Classification],
                [text[TextKey.DocFactStatus], string.Join('\n', record.StatusHistory.Select(c => $"{Date(c.At)}: {c.Status}").Prepend(record.Status))],
                [text[TextKey.DocFactReporter], ReporterFact(text, record)],
                [text[TextKey.DocFactOwner], PersonName(record, record.Owner)],
                [text[TextKey.DocFactCreated], Date(record.CreatedAt)],
                [text[TextKey.DocFactSubmitted], record.SubmittedAt is { } submitted ? Date(submitted) : "-"],
                [text[TextKey.DocFactDeadlines], string.Join('\n', record.Deadlines.Select(d => text.Format(TextKey.DocDeadlineLine, d.Kind, Date(d.Due), d.MetAt is { } met ? text.Format(TextKey.DocDeadlineMet, Date(met)) : string.Empty)))]));

            body.Append(Heading(text[TextKey.DocAnswers], "28"));
            var sections = record.Kind == CaseKinds.TakenByResponder ? ResponderSections.All : ReporterSections.All;
            foreach (var section in sections.Where(s => s.Input != SectionInput.Evidence))
            {
                var answer = section.Read(record.Answers);
                body.Append(Heading(text[section.Title], "24"));
                foreach (var line in answer.Count == 0 ? [text[TextKey.NotAnswered]] : answer)
                {
                    body.Append(Plain(line));
                }
            }

            body.Append(Heading(text[TextKey.DocAdditions], "28"));
            Lines(body, text, record.Additions.Select(a => $"{Date(a.At)}: {a.Text}"));

            body.Append(Heading(text[TextKey.DocThread], "28"));
            Lines(body, text, record.Messages.Select(m => text.Format(TextKey.DocThreadLine, Date(m.At), text[m.From == CaseMessage.FromOwner ? TextKey.DocThreadFromOwner : TextKey.DocThreadFromReporter], m.Text)));

            body.Append(Heading(text[TextKey.DocNotes], "28"));
            Lines(body, text, record.Notes.Select(n => $"{Date(n.At)}, {PersonName(record, n.By)}: {n.Text}"));

            body.Append(Heading(text[TextKey.DocEvidence], "28"));
            Lines(body, text, record.Evidence.Select(e => e.Message is { } message
                ? text.Format(TextKey.DocMessageLine, e.Number, MessageQuote.Sender(text, message), MessageQuote.Time(text, message), message.ConversationKind, message.CapturedBy, Date(message.CapturedAt), e.Sha256, message.Link ?? text[TextKey.CaptureNoLink])
                    + $" \u201c{message.Excerpt}\u201d"
                : text.Format(TextKey.DocEvidenceLine, e.Number, e.SafeName, e.ContentType, e.Size, e.Sha256, Date(e.AddedAt))));

            body.Append(Heading(text[TextKey.DocTranscript], "28"));
            var said = transcript.Where(t => t.Text is not null).ToList();
            if (said.Count == 0)
            {
                body.Append(Plain(text[TextKey.DocNone]));
            }
            else
            {
                body.Append(Table([.. said.Select(t => (string[])[Date(t.At), t.Direction == "out" ? text[TextKey.DocTranscriptBot] : TranscriptWho(text, record, t.From), Unmarked(t.Text!)]).Prepend([text[TextKey.DocTranscriptTime], text[TextKey.DocTranscriptWho], text[TextKey.DocTranscriptWhat]])]));
            }

            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>Who reported: the reporter by their Teams name and contact wish, or the responder who took it.</summary>
    private static string ReporterFact(TextCatalog text, CaseRecord record) => record switch
    {
        { Reporter: { } reporter } when text.IsWord(record.Answers.Contact, TextKey.ChoiceNoContact) => text.Format(TextKey.DocReporterNoContact, reporter.Name ?? text[TextKey.DocTranscriptPerson]),
        { Reporter: { } reporter } => text.Format(TextKey.DocReporterContact, reporter.Name ?? text[TextKey.DocTranscriptPerson], record.Answers.Contact ?? text[TextKey.NotAnswered]),
        { TakenBy: { } taker } => text.Format(TextKey.DocTakenBy, taker.Name ?? taker.AadObjectId),
        _ => "-",
    };

    /// <summary>A person by the name the bot knows from Teams, when the id is the reporter's or the
    /// taking responder's; otherwise the roster entry as configured (a UPN on most rosters).</summary>
    private static string PersonName(CaseRecord record, string id) => (record.Reporter, record.TakenBy) switch
    {
        ({ Name: { } name } r, _) when string.Equals(r.AadObjectId, id, StringComparison.OrdinalIgnoreCase) => name,
        (_, { Name: { } name } t) when string.Equals(t.AadObjectId, id, StringComparison.OrdinalIgnoreCase) => name,
        _ => id,
    };

    private static string TranscriptWho(TextCatalog text, CaseRecord record, string? from)
        => from is not null && PersonName(record, from) is var name && name != from ? name : text[TextKey.DocTranscriptPerson];

    /// <summary>The catalog's markdown emphasis is for Teams; in the document it would show as asterisks.</summary>
    private static string Unmarked(string line) => line.Replace("**", string.Empty, StringComparison.Ordinal).Replace("__", string.Empty, StringComparison.Ordinal);

    /// <summary>A bordered table of text cells; line breaks in a cell are kept as breaks.</summary>
    private static Table Table(params string[][] rows)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        foreach (var row in rows)
        {
            table.Append(new TableRow(row.Select(cell => new TableCell(Broken(cell)))));
        }

        return table;
    }

    /// <summary>One paragraph whose lines are separated by breaks, control characters dropped.</summary>
    private static Paragraph Broken(string cell)
    {
        var run = new Run();
        var first = true;
        foreach (var line in cell.Split('\n'))
        {
            if (!first)
            {
                run.Append(new Break());
            }

            run.Append(new WordText(new string([.. line.Where(c => !char.IsControl(c) || c is '\t')])) { Space = SpaceProcessingModeValues.Preserve });
            first = false;
        }

        return new Paragraph(run);
    }

    private static void Lines(Body body, TextCatalog text, IEnumerable<string> lines)
    {
        var any = false;
        foreach (var line in lines)
        {
            body.Append(Plain(line));
            any = true;
        }

        if (!any)
        {
            body.Append(Plain(text[TextKey.DocNone]));
        }
    }

    private static Paragraph Banner(TextCatalog text)
        => new(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new Run(new RunProperties(new Bold(), new Color { Val = "C00000" }), new WordText(text[TextKey.DocBanner])));

    private static Paragraph Heading(string title, string halfPoints)
        => new(new Run(new RunProperties(new Bold(), new FontSize { Val = halfPoints }), new WordText(title) { Space = SpaceProcessingModeValues.Preserve }));

    /// <summary>XML cannot hold control characters; they are dropped, the rest stays as typed.</summary>
    private static Paragraph Plain(string line)
        => new(new Run(new WordText(new string([.. line.Where(c => !char.IsControl(c) || c is '\t')])) { Space = SpaceProcessingModeValues.Preserve }));

    private static string Date(DateTimeOffset at) => Times.Utc(at);
}
