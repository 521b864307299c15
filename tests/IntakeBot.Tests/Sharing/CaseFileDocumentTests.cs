using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using IntakeBot.Cases;
using IntakeBot.Sharing;
using IntakeBot.Text;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace IntakeBot.Tests.Sharing;

/// <summary>The Word case file, rendered and read back with DocumentFormat.OpenXml.</summary>
public sealed class CaseFileDocumentTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_case_file_names_people_and_keeps_the_thread_notes_and_transcript_readable()
    {
        var reporterId = Guid.NewGuid().ToString();
        var record = new CaseRecord
        {
            Reference = "IR-7KQ2M9XD",
            Owner = "lee@contoso.com",
            Status = CaseStatuses.Acknowledged,
            CreatedAt = At,
            UpdatedAt = At,
            SubmittedAt = At,
            Reporter = new Reporter("29:1", reporterId, "Sam Rivera"),
            Answers = new IntakeAnswers { Contact = "Please don't contact me" },
            StatusHistory = [new StatusChange(CaseStatuses.Acknowledged, "lee@contoso.com", At.AddDays(1))],
            Messages = [new CaseMessage(At.AddDays(2), CaseMessage.FromOwner, "lee@contoso.com", "Could we talk?"), new CaseMessage(At.AddDays(3), CaseMessage.FromReporter, reporterId, "Yes, Tuesday")],
            Notes = [new CaseNote(At.AddDays(2), "lee@contoso.com", "called HR")],
        };
        TranscriptEntry[] transcript =
        [
            new(At, "in", "message", "a1", reporterId, "first line\nsecond line", null),
            new(At, "out", "message", null, null, "Type **done** when finished", null),
        ];

        using var stream = CaseFileDocument.Build(TextCatalog.Load(), record, transcript);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document.Body!;
        var tables = body.Elements<Table>().ToList();
        string Cell(TableRow row, int i) => string.Concat(row.Elements<TableCell>().ElementAt(i).Descendants().Where(e => e is WordText or Break).Select(e => e is WordText t ? t.Text : "\n"));
        var facts = tables[0].Elements<TableRow>().ToDictionary(r => Cell(r, 0), r => Cell(r, 1));
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();

        Assert.Equal("IR-7KQ2M9XD", facts["Reference"]);
        Assert.Equal("Sam Rivera; asked not to be contacted", facts["Reporter"]);
        Assert.Contains("2026-11-03 09:30 UTC: acknowledged", facts["Status"], StringComparison.Ordinal);
        Assert.DoesNotContain(paragraphs.Concat(facts.Values), p => p.Contains(reporterId, StringComparison.Ordinal));
        Assert.Contains("2026-11-04 09:30 UTC, owner to reporter: Could we talk?", paragraphs);
        Assert.Contains("2026-11-05 09:30 UTC, reporter to owner: Yes, Tuesday", paragraphs);
        var notes = paragraphs.IndexOf("Internal notes (never shown to the reporter)");
        Assert.Equal("2026-11-04 09:30 UTC, lee@contoso.com: called HR", paragraphs[notes + 1]);

        var said = tables[^1].Elements<TableRow>().ToList();
        Assert.Equal(["Time", "Who", "What was said"], [.. Enumerable.Range(0, 3).Select(i => Cell(said[0], i))]);
        Assert.Equal("Sam Rivera", Cell(said[1], 1));
        Assert.Equal("first line\nsecond line", Cell(said[1], 2));
        Assert.Equal("Type done when finished", Cell(said[2], 2));
    }

    [Fact]
    public void Times_sent_with_an_offset_are_written_in_UTC()
    {
        var twoHoursAhead = new DateTimeOffset(2026, 11, 2, 11, 30, 0, TimeSpan.FromHours(2));
        var message = new MessageFacts("m1", null, "aadUser", "Alex", twoHoursAhead, null, "chat", "see you", [], "Sam Rivera", twoHoursAhead);
        var record = new CaseRecord
        {
            Reference = "IR-7KQ2M9XD",
            Owner = "lee@contoso.com",
            CreatedAt = twoHoursAhead,
            UpdatedAt = twoHoursAhead,
            Evidence = [new EvidenceItem(1, "b", "m", "m", "application/json", 1, "abc", "Sam Rivera", twoHoursAhead, MessageFacts.EvidenceKind, message)],
        };

        using var stream = CaseFileDocument.Build(TextCatalog.Load(), record, []);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        var facts = body.Elements<Table>().First().Elements<TableRow>().ToDictionary(r => r.Elements<TableCell>().First().InnerText, r => r.Elements<TableCell>().ElementAt(1).InnerText);

        Assert.Equal("2026-11-02 09:30 UTC", facts["Created"]);
        Assert.Contains(paragraphs, p => p.Contains("sent 2026-11-02 09:30 UTC", StringComparison.Ordinal) && p.Contains("at 2026-11-02 09:30 UTC", StringComparison.Ordinal));
        Assert.Equal("2026-11-02 09:30 UTC", MessageQuote.Time(TextCatalog.Load(), message));
    }
}
