using System.Globalization;
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
            body.Append(Plain(text.Format(TextKey.DocFacts, record.Reference, record.Kind, record.Owner, record.Status, Date(record.CreatedAt), record.SubmittedAt is { } submitted ? Date(submitted) : "-")));

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

            body.Append(Heading(text[TextKey.DocEvidence], "28"));
            Lines(body, text, record.Evidence.Select(e => e.Message is { } message
                ? text.Format(TextKey.DocMessageLine, e.Number, MessageQuote.Sender(text, message), MessageQuote.Time(text, message), message.ConversationKind, message.CapturedBy, Date(message.CapturedAt), e.Sha256, message.Link ?? text[TextKey.CaptureNoLink])
                    + $" \u201c{message.Excerpt}\u201d"
                : text.Format(TextKey.DocEvidenceLine, e.Number, e.SafeName, e.ContentType, e.Size, e.Sha256, Date(e.AddedAt))));

            body.Append(Heading(text[TextKey.DocTranscript], "28"));
            Lines(body, text, transcript.Where(t => t.Text is not null).Select(t => $"{Date(t.At)} {t.Direction} {t.Type}: {t.Text}"));

            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        stream.Position = 0;
        return stream;
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

    private static string Date(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
