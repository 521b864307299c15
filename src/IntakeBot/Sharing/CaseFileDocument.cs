using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using IntakeBot.Cases;
using IntakeBot.Storage;
using IntakeBot.Text;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace IntakeBot.Sharing;

/// <summary>The case file as a Word document an investigator can read: a Highly Confidential banner in
/// header and footer, the case's facts as a table (people by name, status words with their history,
/// deadlines), the answers, what was added later, the follow-up thread, the internal notes, the
/// evidence as a table with each picture shown small, kept Teams messages and pasted text quoted, and
/// the transcript as a table. Every time is shown in UTC the one way <see cref="Times.Utc"/> shows it.</summary>
public static partial class CaseFileDocument
{
    /// <summary>Largest picture or pasted text whose content is in the file; a larger one is listed only
    /// (it is in the evidence folder beside the file).</summary>
    public const long MaxPictureBytes = 5 * 1024 * 1024;

    /// <summary>Longest pasted text quoted in the file; a longer one is cut, the whole text is in the
    /// evidence folder.</summary>
    public const int MaxQuotedChars = 8000;

    private const long EmuPerCm = 360000;
    private const long EmuPerPixel = 9525;
    private const long MaxPictureWidth = 45 * EmuPerCm / 10;
    private const long MaxPictureHeight = 35 * EmuPerCm / 10;

    /// <summary>A4 with 2 cm margins: the text is 17 cm wide (in twentieths of a point).</summary>
    private const int TextWidth = 9638;

    /// <summary>Whether the file shows this item's content (a picture, or pasted text), so that the
    /// caller reads exactly those from storage.</summary>
    public static bool Shows(EvidenceItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Message is null && !item.Withheld && item.Size <= MaxPictureBytes && (PictureType(item.ContentType) is not null || IsPasted(item));
    }

    /// <param name="shown">The content of the items <see cref="Shows"/> picks, by evidence number; an
    /// item without one is listed only.</param>
    public static MemoryStream Build(TextCatalog text, CaseRecord record, IReadOnlyList<TranscriptEntry> transcript, CaseFileNames names, IReadOnlyDictionary<int, byte[]> shown)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(shown);
        var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = Styles();
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(Banner(text));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(Banner(text));
            string Who(string? id) => Person(text, names, id);

            var body = new Body();
            body.Append(Heading(text.Format(TextKey.DocTitle, record.Reference), "32"));
            body.Append(Table(
                [2600, TextWidth - 2600],
                false,
                [text[TextKey.DocFactReference], record.Reference],
                [text[TextKey.DocFactClassification], record.Classification == Classification.HighlyConfidential ? text[TextKey.DocHighlyConfidential] : record.Classification],
                [text[TextKey.DocFactStatus], StatusFact(text, record, Who)],
                [text[TextKey.DocFactReporter], ReporterFact(text, record, Who)],
                [text[TextKey.DocFactOwner], Who(record.Owner)],
                [text[TextKey.DocFactFollowsOn], record.FollowsOn ?? "-"],
                [text[TextKey.DocFactCreated], Times.Utc(record.CreatedAt)],
                [text[TextKey.DocFactSubmitted], record.SubmittedAt is { } submitted ? Times.Utc(submitted) : "-"],
                [text[TextKey.DocFactDeadlines], record.Deadlines.Count == 0 ? "-" : string.Join('\n', record.Deadlines.Select(d => text.Format(TextKey.DocDeadlineLine, DeadlineName(text, d.Kind), Times.Utc(d.Due), d.MetAt is { } met ? text.Format(TextKey.DocDeadlineMet, Times.Utc(met), Who(d.MetBy)) : string.Empty)))]));

            body.Append(Heading(text[TextKey.DocAnswers], "28"));
            var sections = record.Kind == CaseKind.TakenByResponder ? ResponderSections.All : record.FollowsOn is null ? ReporterSections.All : ReporterSections.FollowOn;
            body.Append(Table(
                [2600, TextWidth - 2600],
                false,
                [.. sections.Where(s => s.Input != SectionInput.Evidence).Select(s => (s, Answer: s.Shown(record.Answers, text)))
                    .Select(a => (string[])[text[a.s.Title], a.Answer.Count == 0 ? text[TextKey.NotAnswered] : string.Join('\n', a.Answer)])]));

            body.Append(Heading(text[TextKey.DocAdditions], "28"));
            TimedTable(body, text, TextKey.DocAdditionsWho, TextKey.DocAdditionsWhat, record.Additions.Select(a => (a.At, Who(a.AddedBy), a.Text)));

            body.Append(Heading(text[TextKey.DocThread], "28"));
            TimedTable(body, text, TextKey.DocThreadWho, TextKey.DocThreadWhat, record.Messages.Select(m => (m.At, text.Format(m.From == CaseMessage.FromOwner ? TextKey.DocThreadFromOwner : TextKey.DocThreadFromReporter, Who(m.By)), m.Text)));

            body.Append(Heading(text[TextKey.DocNotes], "28"));
            TimedTable(body, text, TextKey.DocNotesWho, TextKey.DocNotesWhat, record.Notes.Select(n => (n.At, Who(n.By), n.Text)));

            body.Append(Heading(text[TextKey.DocEvidence], "28"));
            EvidenceTable(body, main, text, record, shown, Who);
            Quoted(body, text, record, shown, Who);

            body.Append(Heading(text[TextKey.DocTranscript], "28"));
            var said = transcript.Where(t => t.Text is not null).ToList();
            if (said.Count == 0)
            {
                body.Append(Broken(text[TextKey.DocNone]));
            }
            else
            {
                body.Append(Table(
                    [2300, 2200, TextWidth - 4500],
                    true,
                    [.. said.Select(t => (string[])[Times.Utc(t.At), t.Direction == TranscriptDirection.Out ? text[TextKey.DocTranscriptBot] : TranscriptWho(text, names, t.From), t.Direction == TranscriptDirection.Out ? Unmarked(t.Text!) : t.Text!])
                        .Prepend([text[TextKey.DocTranscriptTime], text[TextKey.DocTranscriptWho], text[TextKey.DocTranscriptWhat]])]));
            }

            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134U, Right = 1134U, Header = 567U, Footer = 567U, Gutter = 0U }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>The status in plain words, then its history: submitted, and every change after it, with who.</summary>
    private static string StatusFact(TextCatalog text, CaseRecord record, Func<string?, string> who)
    {
        var submittedBy = record.Reporter?.AadObjectId ?? record.TakenBy?.AadObjectId;
        var history = record.StatusHistory.Select(c => text.Format(TextKey.DocStatusLine, Times.Utc(c.At), StatusWord(text, c.Status), who(c.By)));
        if (record.SubmittedAt is { } submitted)
        {
            history = history.Prepend(text.Format(TextKey.DocStatusLine, Times.Utc(submitted), StatusWord(text, CaseStatus.Submitted), who(submittedBy)));
        }

        return string.Join('\n', history.Prepend(StatusWord(text, record.Status)));
    }

    private static string StatusWord(TextCatalog text, CaseStatus status) => status switch
    {
        CaseStatus.Submitted => text[TextKey.StatusSubmitted],
        CaseStatus.Acknowledged => text[TextKey.StatusAcknowledged],
        CaseStatus.InReview => text[TextKey.StatusInReview],
        CaseStatus.Closed => text[TextKey.StatusClosed],
        _ => status.ToStoredNameOrUnknown(),
    };

    private static string DeadlineName(TextCatalog text, DeadlineKind kind) => kind switch
    {
        DeadlineKind.Acknowledge => text[TextKey.DeadlineAcknowledgement],
        DeadlineKind.Feedback => text[TextKey.DeadlineFeedback],
        _ => kind.ToStoredNameOrUnknown(),
    };

    /// <summary>Who reported: the reporter by their Teams name and contact wish, or the responder who
    /// took it and who they took it from, as the responder entered it.</summary>
    private static string ReporterFact(TextCatalog text, CaseRecord record, Func<string?, string> who) => record switch
    {
        { Reporter: { } reporter } when record.Answers.NoContact => text.Format(TextKey.DocReporterNoContact, who(reporter.AadObjectId)),
        { Reporter: { } reporter } => text.Format(TextKey.DocReporterContact, who(reporter.AadObjectId), Shown(text, ReporterSections.All, IntakeSection.ContactId, record.Answers)),
        { TakenBy: { } taker } => text.Format(TextKey.DocTakenBy, who(taker.AadObjectId), Shown(text, ResponderSections.All, "reported-by", record.Answers)),
        _ => "-",
    };

    /// <summary>One answer in the catalog's current words, or "not answered".</summary>
    private static string Shown(TextCatalog text, IReadOnlyList<IntakeSection> sections, string id, IntakeAnswers answers)
        => sections.First(s => s.Id == id).Shown(answers, text) is { Count: > 0 } shown ? string.Join('\n', shown) : text[TextKey.NotAnswered];

    /// <summary>A person by the name the bot knows; a roster entry given as an address when no name is
    /// known (it names the person), and never a bare directory id.</summary>
    private static string Person(TextCatalog text, CaseFileNames names, string? id) => names.Find(id) switch
    {
        { } name => name,
        _ when id is not null && id.Contains('@', StringComparison.Ordinal) => id,
        _ => text[TextKey.DocUnknownPerson],
    };

    private static string TranscriptWho(TextCatalog text, CaseFileNames names, string? from)
        => names.Find(from) ?? text[TextKey.DocTranscriptPerson];

    /// <summary>The catalog's markdown is for Teams; in the document it would show as asterisks and
    /// backslashes. Emphasis and escapes go, a link keeps its words and its address, and lines stay lines.</summary>
    private static string Unmarked(string said)
    {
        var plain = MarkdownLink().Replace(said, "$1 ($2)");
        plain = plain.Replace("**", string.Empty, StringComparison.Ordinal).Replace("__", string.Empty, StringComparison.Ordinal);
        return MarkdownEscape().Replace(plain, "$1");
    }

    private static void TimedTable(Body body, TextCatalog text, TextKey whoTitle, TextKey whatTitle, IEnumerable<(DateTimeOffset At, string Who, string What)> rows)
    {
        var list = rows.ToList();
        body.Append(list.Count == 0
            ? Broken(text[TextKey.DocNone])
            : Table(
                [2300, 2600, TextWidth - 4900],
                true,
                [.. list.Select(r => (string[])[Times.Utc(r.At), r.Who, r.What]).Prepend([text[TextKey.DocTranscriptTime], text[whoTitle], text[whatTitle]])]));
    }

    /// <summary>One row an item: number, name (with the picture under it), type, size, SHA-256, who
    /// added it and when.</summary>
    private static void EvidenceTable(Body body, MainDocumentPart main, TextCatalog text, CaseRecord record, IReadOnlyDictionary<int, byte[]> shown, Func<string?, string> who)
    {
        if (record.Evidence.Count == 0)
        {
            body.Append(Broken(text[TextKey.DocNone]));
            return;
        }

        int[] widths = [450, 2750, 1400, 800, 1900, TextWidth - 7300];
        var table = Table(widths, true, [text[TextKey.DocEvidenceNumber], text[TextKey.DocEvidenceName], text[TextKey.DocEvidenceType], text[TextKey.DocEvidenceSize], text[TextKey.DocEvidenceHash], text[TextKey.DocEvidenceAdded]]);
        foreach (var item in record.Evidence.OrderBy(e => e.Number))
        {
            var picture = shown.TryGetValue(item.Number, out var bytes) && PictureType(item.ContentType) is { } type ? Picture(main, item.Number, type, bytes) : null;
            var name = new TableCell(Cell(widths[1]), Broken(item.Withheld ? text.Format(TextKey.EvidenceLineWithheld, item.SafeName, Sizes.Format(text, item.Size)) : item.Message is null ? item.SafeName : item.OriginalName));
            if (picture is not null)
            {
                name.Append(new Paragraph(new Run(picture)));
            }

            table.Append(new TableRow(
                new TableRowProperties(new CantSplit()),
                new TableCell(Cell(widths[0]), Broken(item.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                name,
                new TableCell(Cell(widths[2]), Broken(Kind(text, item))),
                new TableCell(Cell(widths[3]), Broken(Sizes.Format(text, item.Size))),
                new TableCell(Cell(widths[4]), Broken(item.Sha256, "14", "Courier New")),
                new TableCell(Cell(widths[5]), Broken($"{who(item.AddedBy)}\n{Times.Utc(item.AddedAt)}"))));
        }

        body.Append(table);
    }

    private static string Kind(TextCatalog text, EvidenceItem item) => item switch
    {
        { Message: not null } => text[TextKey.DocEvidenceTeamsMessage],
        _ when IsPasted(item) => text[TextKey.DocEvidencePasted],
        _ when item.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) => text.Format(TextKey.DocEvidencePicture, item.ContentType[6..]),
        _ => text.Format(TextKey.DocEvidenceFile, item.ContentType),
    };

    /// <summary>Kept Teams messages as quotes with their sender, time and link; then pasted text, quoted
    /// as pasted. Both stand apart from the pictures and files in the table.</summary>
    private static void Quoted(Body body, TextCatalog text, CaseRecord record, IReadOnlyDictionary<int, byte[]> shown, Func<string?, string> who)
    {
        var messages = record.Evidence.Where(e => e.Message is not null).OrderBy(e => e.Number).ToList();
        if (messages.Count > 0)
        {
            body.Append(Heading(text[TextKey.DocMessages], "24"));
        }

        foreach (var item in messages)
        {
            var message = item.Message!;
            body.Append(Heading(text.Format(TextKey.DocMessageHeading, item.Number, MessageQuote.Sender(text, message), MessageQuote.Time(text, message), message.ConversationKind), "20"));
            body.Append(Quote(message.Excerpt));
            var link = message.Link is null ? text[TextKey.CaptureNoLink] : text.Format(TextKey.DocMessageLink, message.Link);
            var kept = text.Format(TextKey.DocMessageKept, who(message.CapturedBy), Times.Utc(message.CapturedAt), link);
            body.Append(Broken(message.Attachments.Count == 0 ? kept : $"{kept}\n{text.Format(TextKey.CaptureAttachmentsLine, string.Join(", ", message.Attachments))}", "18"));
        }

        var pasted = record.Evidence.Where(e => IsPasted(e) && shown.ContainsKey(e.Number)).OrderBy(e => e.Number).ToList();
        if (pasted.Count > 0)
        {
            body.Append(Heading(text[TextKey.DocPasted], "24"));
        }

        foreach (var item in pasted)
        {
            var said = Encoding.UTF8.GetString(shown[item.Number]);
            body.Append(Heading(text.Format(TextKey.DocPastedHeading, item.Number, who(item.AddedBy), Times.Utc(item.AddedAt)), "20"));
            body.Append(Quote(said.Length > MaxQuotedChars ? $"{said[..MaxQuotedChars]}\u2026" : said));
        }
    }

    private static bool IsPasted(EvidenceItem item)
        => item.Message is null && item.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) && item.OriginalName == "pasted-text.txt";

    private static PartTypeInfo? PictureType(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "image/png" => ImagePartType.Png,
        "image/jpeg" => ImagePartType.Jpeg,
        "image/gif" => ImagePartType.Gif,
        "image/bmp" => ImagePartType.Bmp,
        _ => null,
    };

    /// <summary>The picture inline, at most 4.5 by 3.5 cm and never larger than it is, its shape kept;
    /// null when its header does not say how large it is.</summary>
    private static Drawing? Picture(MainDocumentPart main, int number, PartTypeInfo type, byte[] bytes)
    {
        if (PictureSize.Read(bytes) is not { } size)
        {
            return null;
        }

        var (cx, cy) = (size.Width * EmuPerPixel, size.Height * EmuPerPixel);
        if (cx > MaxPictureWidth || cy > MaxPictureHeight)
        {
            // Whichever side hits its bound first sets the scale; the other follows, so the shape is kept.
            (cx, cy) = cx * MaxPictureHeight >= cy * MaxPictureWidth
                ? (MaxPictureWidth, Math.Max(1L, cy * MaxPictureWidth / cx))
                : (Math.Max(1L, cx * MaxPictureHeight / cy), MaxPictureHeight);
        }

        var part = main.AddImagePart(type);
        using (var content = new MemoryStream(bytes, false))
        {
            part.FeedData(content);
        }

        var name = $"Evidence {number}";
        return new Drawing(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = (UInt32Value)(uint)number, Name = name },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = name }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = main.GetIdOfPart(part) }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 0U,
            DistanceFromRight = 0U,
        });
    }

    /// <summary>A bordered table of text cells with fixed column widths (twentieths of a point); line
    /// breaks in a cell are kept as breaks, and a heading row is bold, shaded and repeated on each page.</summary>
    private static Table Table(int[] widths, bool headed, params string[][] rows)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4, Color = "A6A6A6" },
            new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "A6A6A6" },
            new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "A6A6A6" },
            new RightBorder { Val = BorderValues.Single, Size = 4, Color = "A6A6A6" },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "A6A6A6" },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "A6A6A6" });
        var table = new Table(
            new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Dxa, Width = TextWidth.ToString(System.Globalization.CultureInfo.InvariantCulture) }, new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        for (var r = 0; r < rows.Length; r++)
        {
            var heading = headed && r == 0;
            var row = new TableRow(rows[r].Select((cell, i) => new TableCell(Cell(widths[i], heading), heading ? Bold(cell) : Broken(cell))));
            if (heading)
            {
                row.PrependChild(new TableRowProperties(new TableHeader()));
            }

            table.Append(row);
        }

        return table;
    }

    private static TableCellProperties Cell(int width, bool shaded = false)
    {
        var properties = new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (shaded)
        {
            properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "E7E6E6" });
        }

        return properties;
    }

    /// <summary>One paragraph whose lines are separated by breaks, control characters dropped (XML
    /// cannot hold them); the rest stays as typed.</summary>
    private static Paragraph Broken(string said, string? halfPoints = null, string? font = null)
    {
        var properties = new RunProperties();
        if (font is not null)
        {
            properties.Append(new RunFonts { Ascii = font, HighAnsi = font });
        }

        if (halfPoints is not null)
        {
            properties.Append(new FontSize { Val = halfPoints });
        }

        var run = new Run(properties);
        var first = true;
        foreach (var line in said.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
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

    private static Paragraph Bold(string said)
    {
        var paragraph = Broken(said);
        paragraph.GetFirstChild<Run>()!.RunProperties!.Append(new Bold());
        return paragraph;
    }

    /// <summary>Quoted words: indented, with a bar on the left, in italics, line breaks kept.</summary>
    private static Paragraph Quote(string said)
    {
        var paragraph = Broken($"\u201c{said}\u201d");
        paragraph.GetFirstChild<Run>()!.RunProperties!.Append(new Italic());
        paragraph.PrependChild(new ParagraphProperties(
            new ParagraphBorders(new LeftBorder { Val = BorderValues.Single, Size = 18, Space = 6, Color = "8EA9DB" }),
            new Indentation { Left = "284" }));
        return paragraph;
    }

    private static Paragraph Banner(TextCatalog text)
        => new(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new Run(new RunProperties(new Bold(), new Color { Val = "C00000" }), new WordText(text[TextKey.DocBanner])));

    private static Paragraph Heading(string title, string halfPoints)
        => new(
            new ParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "200", After = "80" }),
            new Run(new RunProperties(new Bold(), new FontSize { Val = halfPoints }), new WordText(title) { Space = SpaceProcessingModeValues.Preserve }));

    /// <summary>A sans-serif 10 pt body with a little space after each paragraph, the same in Word and
    /// in LibreOffice.</summary>
    private static Styles Styles()
        => new(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial" }, new FontSize { Val = "20" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "60", Line = "252", LineRule = LineSpacingRuleValues.Auto }))));

    /// <summary><c>[words](address)</c>.</summary>
    [GeneratedRegex(@"\[([^\]\n]+)\]\(([^)\s]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownLink();

    /// <summary>A backslash before a markdown character, as <see cref="PlainText.Escape"/> writes it.</summary>
    [GeneratedRegex(@"\\([\\`*_\[\]()<>#~|:.])", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownEscape();
}
