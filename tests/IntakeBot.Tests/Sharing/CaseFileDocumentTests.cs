using IntakeBot.Cases.Answers;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using IntakeBot.Cases;
using IntakeBot.Sharing;
using IntakeBot.Text;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace IntakeBot.Tests.Sharing;

/// <summary>The Word case file, rendered and read back with DocumentFormat.OpenXml, part by part.</summary>
public sealed class CaseFileDocumentTests
{
    /// <summary>Set to a path, the full case file of <see cref="Sample"/> is written there: the picture in
    /// docs/behaviour.md is made from it by scripts/casefile-picture.sh.</summary>
    public const string PictureEnvironmentVariable = "CASEFILE_PICTURE_DOCX";

    private const string Reference = "IR-7KQ2M9XD";
    private const string OwnerId = "5f0c7a51-93a4-4f38-b1de-0d3c6a0e2b17";
    private const string ReporterId = "0b8e2c11-4d1a-4c6e-9a5e-8f2f3d7c9e40";
    private const string SenderId = "c3d9e7a2-1f6b-4b8a-a0d4-2e6f9b1c5a38";
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly byte[] Screenshot = TestPicture.Png(480, 300);
    private static readonly byte[] Pasted = Encoding.UTF8.GetBytes("Alex: you're not leaving until this is done\nAlex: and stop crying about it");

    [Fact]
    public void The_facts_name_the_people_and_give_the_status_history_and_deadlines_in_plain_words()
    {
        using var file = Render(Sample(), Transcript());

        var facts = file.Tables[0].Elements<TableRow>().ToDictionary(r => Cell(r, 0), r => Cell(r, 1));
        Assert.Equal(Reference, facts["Reference"]);
        Assert.Equal("Highly Confidential", facts["Classification"]);
        Assert.Equal("Sam Rivera; asked not to be contacted", facts["Reporter"]);
        Assert.Equal("Lee Park", facts["Owner"]);
        Assert.Equal(
            "in review\n2026-11-02 09:30 UTC: submitted, by Sam Rivera\n2026-11-03 09:30 UTC: acknowledged, by Lee Park\n2026-11-04 10:00 UTC: in review, by Lee Park",
            facts["Status"]);
        Assert.Equal(
            "acknowledgement: due 2026-11-09 09:30 UTC, met 2026-11-03 09:30 UTC by Lee Park\nfeedback to the reporter: due 2027-01-31 09:30 UTC",
            facts["Deadlines"]);
    }

    [Fact]
    public void A_report_taken_by_a_responder_says_who_took_it_from_whom_as_entered()
    {
        var record = Sample() with
        {
            Kind = CaseKind.TakenByResponder,
            Reporter = null,
            TakenBy = new Reporter("29:lee", OwnerId, "Lee Park"),
            Answers = new IntakeAnswers { ReportedBy = "Sam, by phone" },
        };

        using var file = Render(record, []);

        var facts = file.Tables[0].Elements<TableRow>().ToDictionary(r => Cell(r, 0), r => Cell(r, 1));
        Assert.Equal("taken by Lee Park from \u201cSam, by phone\u201d, as Lee Park entered it", facts["Reporter"]);
    }

    [Fact]
    public void A_person_without_a_known_name_is_never_shown_as_a_directory_id()
    {
        var stranger = Guid.NewGuid().ToString();
        var record = Sample() with { Owner = stranger, Notes = [new CaseNote(At, stranger, "spoke to HR")] };

        using var file = Render(record, Transcript(), new CaseFileNames());

        Assert.DoesNotContain(stranger, file.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ReporterId, file.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(SenderId, file.Text, StringComparison.OrdinalIgnoreCase);
        var facts = file.Tables[0].Elements<TableRow>().ToDictionary(r => Cell(r, 0), r => Cell(r, 1));
        Assert.StartsWith("a person whose name the bot doesn't have", facts["Owner"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_answers_are_a_table_of_question_and_answer_with_left_out_ones_said_so()
    {
        using var file = Render(Sample(), Transcript());

        var answers = Rows(file.TableAfter("Answers")).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("He shouted at me in the stand-up.\nIn front of the whole team.", answers["What happened"]);
        Assert.Equal("Monday morning", answers["When"]);
        Assert.Equal("(left out)", answers["Where exactly"]);
        Assert.DoesNotContain("Evidence", answers.Keys);
    }

    [Fact]
    public void A_follow_on_lists_only_what_a_follow_on_asks_and_names_the_case_it_follows_on()
    {
        using var file = Render(Sample() with { FollowsOn = "IR-4TQ8ZP2W" }, Transcript());

        var facts = file.Tables[0].Elements<TableRow>().ToDictionary(r => Cell(r, 0), r => Cell(r, 1));
        Assert.Equal("IR-4TQ8ZP2W", facts["Follows on from"]);
        var answers = Rows(file.TableAfter("Answers")).Select(r => r[0]).ToList();
        Assert.Equal(["What happened", "When", "Anything else, and support that would help"], answers);
    }

    [Fact]
    public void Additions_the_thread_and_the_internal_notes_are_tables_with_times_and_names()
    {
        using var file = Render(Sample(), Transcript());

        Assert.Equal(
            [["Time", "Added by", "What was added"], ["2026-11-05 08:00 UTC", "Sam Rivera", "It happened again on Friday.\nIn the corridor this time."]],
            Rows(file.TableAfter("Added later")));
        Assert.Equal(
            [
                ["Time", "From", "Message"],
                ["2026-11-04 09:30 UTC", "Lee Park (owner) to the reporter", "Could we talk on Tuesday?"],
                ["2026-11-05 09:30 UTC", "Sam Rivera (reporter) to the owner", "Yes, Tuesday works"],
            ],
            Rows(file.TableAfter("Messages with the reporter")));
        Assert.Equal(
            [["Time", "Written by", "Note"], ["2026-11-04 09:45 UTC", "Lee Park", "Called HR about the rota"]],
            Rows(file.TableAfter("Internal notes (never shown to the reporter)")));
    }

    [Fact]
    public void Evidence_is_a_table_with_readable_sizes_hashes_and_who_added_it_when()
    {
        using var file = Render(Sample(), Transcript());

        var rows = Rows(file.TableAfter("Evidence"));
        Assert.Equal(["#", "Name", "Type", "Size", "SHA-256", "Added by, when"], rows[0]);
        Assert.Equal(["1", "screenshot.png", "picture (png)", "2 KB", new string('a', 64), "Sam Rivera\n2026-11-02 09:20 UTC"], rows[1]);
        Assert.Equal(["2", "pasted-text.txt", "pasted text", "1 KB", new string('b', 64), "Sam Rivera\n2026-11-02 09:22 UTC"], rows[2]);
        Assert.Equal(["3", "teams-message.json", "Teams message", "1 KB", new string('c', 64), "Sam Rivera\n2026-11-02 09:24 UTC"], rows[3]);
        Assert.Equal(["4", "rota.pdf", "file (application/pdf)", "2.5 MB", new string('d', 64), "Lee Park\n2026-11-04 09:00 UTC"], rows[4]);
    }

    [Fact]
    public void A_picture_is_shown_small_in_its_evidence_row_with_its_shape_kept()
    {
        var wide = TestPicture.Png(4000, 1000);
        var record = Sample() with { Evidence = [Item(1, "wide.png", "image/png", wide.Length, 'a', At)] };

        using var file = Render(record, [], shown: new Dictionary<int, byte[]> { [1] = wide });

        var row = file.TableAfter("Evidence").Elements<TableRow>().ElementAt(1);
        var extent = Assert.Single(row.Descendants<DW.Extent>());
        Assert.Equal(45 * 36000L, extent.Cx!.Value);
        Assert.Equal(extent.Cx.Value / 4, extent.Cy!.Value);
        var image = Assert.Single(file.Document.MainDocumentPart!.ImageParts);
        using var stored = new MemoryStream();
        image.GetStream().CopyTo(stored);
        Assert.Equal(wide, stored.ToArray());
    }

    [Fact]
    public void Only_pictures_and_pasted_text_within_the_size_limit_are_read_into_the_file()
    {
        Assert.True(CaseFileDocument.Shows(Item(1, "a.png", "image/png", 1000, 'a', At)));
        Assert.True(CaseFileDocument.Shows(Item(2, "pasted-text.txt", "text/plain; charset=utf-8", 100, 'b', At)));
        Assert.False(CaseFileDocument.Shows(Item(3, "huge.png", "image/png", CaseFileDocument.MaxPictureBytes + 1, 'c', At)));
        Assert.False(CaseFileDocument.Shows(Item(4, "notes.txt", "text/plain", 100, 'd', At)));
        Assert.False(CaseFileDocument.Shows(Item(5, "rota.pdf", "application/pdf", 100, 'e', At)));
    }

    [Fact]
    public void A_kept_teams_message_is_quoted_with_its_sender_time_and_link_and_pasted_text_is_quoted_apart()
    {
        using var file = Render(Sample(), Transcript());

        var messages = file.Paragraphs.IndexOf("Teams messages kept as evidence");
        Assert.True(messages > 0);
        Assert.Equal("3. Message from Alex Kim, sent 2026-11-01 17:05 UTC in a group chat", file.Paragraphs[messages + 1]);
        Assert.Equal("\u201cSee me after the meeting.\nAnd don't be late again.\u201d", file.Paragraphs[messages + 2]);
        Assert.Equal("Kept by Sam Rivera at 2026-11-02 09:24 UTC. Link: https://teams.microsoft.com/l/message/19:abc/1730480700000", file.Paragraphs[messages + 3]);
        var pasted = file.Paragraphs.IndexOf("Pasted text");
        Assert.True(pasted > messages);
        Assert.Equal("2. Pasted by Sam Rivera at 2026-11-02 09:22 UTC", file.Paragraphs[pasted + 1]);
        Assert.Equal($"\u201c{Encoding.UTF8.GetString(Pasted)}\u201d", file.Paragraphs[pasted + 2]);
    }

    [Fact]
    public void The_transcript_is_a_table_with_the_bots_markdown_removed_and_line_breaks_kept()
    {
        using var file = Render(Sample(), Transcript());

        var said = Rows(file.Tables[^1]);
        Assert.Equal(["Time", "Who", "What was said"], said[0]);
        Assert.Equal(["2026-11-02 09:00 UTC", "IntakeBot", "Tell me what happened. Type done when you've finished.\n- take your time\n- the FAQ (https://contoso.example/faq) answers process questions"], said[1]);
        Assert.Equal(["2026-11-02 09:05 UTC", "Sam Rivera", "He shouted at me in the stand-up.\nIn front of **everyone**."], said[2]);
    }

    [Fact]
    public void The_sample_case_file_is_written_for_the_readme_picture_when_asked()
    {
        using var file = Render(Sample(), Transcript());
        if (Environment.GetEnvironmentVariable(PictureEnvironmentVariable) is { Length: > 0 } path)
        {
            File.WriteAllBytes(path, file.Bytes);
        }

        Assert.Equal("HIGHLY CONFIDENTIAL", file.Document.MainDocumentPart!.HeaderParts.Single().Header.InnerText);
        Assert.Equal("Case file IR-7KQ2M9XD", file.Paragraphs[0]);
    }

    private static CaseRecord Sample() => new()
    {
        Reference = Reference,
        Owner = OwnerId,
        Status = CaseStatus.InReview,
        CreatedAt = At.AddMinutes(-40),
        UpdatedAt = At.AddDays(3),
        SubmittedAt = At,
        Reporter = new Reporter("29:sam", ReporterId, "Sam Rivera"),
        Answers = new IntakeAnswers
        {
            WhatHappened = ["He shouted at me in the stand-up.", "In front of the whole team."],
            When = "Monday morning",
            WhoWasInvolved = "My team lead, Alex Kim",
            Impact = "I feel anxious before meetings",
            ContactChoice = ContactAnswer.NoContact,
        },
        StatusHistory =
        [
            new StatusChange(CaseStatus.Acknowledged, OwnerId, At.AddDays(1)),
            new StatusChange(CaseStatus.InReview, OwnerId, At.AddDays(2).AddMinutes(30)),
        ],
        Deadlines =
        [
            new CaseDeadline(DeadlineKind.Acknowledge, At.AddDays(7), At.AddDays(5)) { MetAt = At.AddDays(1), MetBy = OwnerId },
            new CaseDeadline(DeadlineKind.Feedback, At.AddDays(90), At.AddDays(80)),
        ],
        Additions = [new Addition(At.AddDays(3).AddMinutes(-90), ReporterId, "It happened again on Friday.\nIn the corridor this time.")],
        Messages =
        [
            new CaseMessage(At.AddDays(2), CaseMessage.FromOwner, OwnerId, "Could we talk on Tuesday?"),
            new CaseMessage(At.AddDays(3), CaseMessage.FromReporter, ReporterId, "Yes, Tuesday works"),
        ],
        Notes = [new CaseNote(At.AddDays(2).AddMinutes(15), OwnerId, "Called HR about the rota")],
        Evidence =
        [
            Item(1, "screenshot.png", "image/png", 1800, 'a', At.AddMinutes(-10)),
            Item(2, "pasted-text.txt", "text/plain; charset=utf-8", Pasted.Length, 'b', At.AddMinutes(-8)),
            Item(3, "teams-message.json", "application/json", 600, 'c', At.AddMinutes(-6)) with
            {
                Kind = MessageFacts.EvidenceKind,
                Message = new MessageFacts(
                    "1730480700000",
                    SenderId,
                    "aadUser",
                    "Alex Kim",
                    new DateTimeOffset(2026, 11, 1, 18, 5, 0, TimeSpan.FromHours(1)),
                    "https://teams.microsoft.com/l/message/19:abc/1730480700000",
                    "group chat",
                    "See me after the meeting.\nAnd don't be late again.",
                    [],
                    ReporterId,
                    At.AddMinutes(-6)),
            },
            Item(4, "rota.pdf", "application/pdf", (5 * 1024 * 1024) / 2, 'd', At.AddDays(2).AddMinutes(-30)) with { AddedBy = OwnerId },
        ],
    };

    private static EvidenceItem Item(int number, string name, string contentType, long size, char hash, DateTimeOffset at)
        => new(number, $"{Reference}/evidence/{number:000}-{name}", name, name, contentType, size, new string(hash, 64), ReporterId, at);

    private static TranscriptEntry[] Transcript() =>
    [
        new(At.AddMinutes(-30), TranscriptDirection.Out, "message", null, null, "Tell me what happened. Type **done** when you've finished.\n- take your time\n- the [FAQ](https://contoso.example/faq) answers process questions", null),
        new(At.AddMinutes(-25), TranscriptDirection.In, "message", "a1", ReporterId, "He shouted at me in the stand-up.\nIn front of **everyone**.", null),
    ];

    private static CaseFileNames Names()
    {
        var names = CaseFileNames.Known(Sample());
        names.Add(OwnerId, "Lee Park");
        return names;
    }

    private static RenderedFile Render(CaseRecord record, TranscriptEntry[] transcript, CaseFileNames? names = null, IReadOnlyDictionary<int, byte[]>? shown = null)
    {
        using var stream = CaseFileDocument.Build(TextCatalog.Load(), record, transcript, names ?? Names(), shown ?? new Dictionary<int, byte[]> { [1] = Screenshot, [2] = Pasted });
        return new RenderedFile(stream.ToArray());
    }

    private static string Cell(TableRow row, int i)
        => string.Join('\n', row.Elements<TableCell>().ElementAt(i).Elements<Paragraph>().Select(Lines).Where(p => p.Length > 0));

    private static List<List<string>> Rows(Table table)
        => [.. table.Elements<TableRow>().Select(r => Enumerable.Range(0, r.Elements<TableCell>().Count()).Select(i => Cell(r, i)).ToList())];

    /// <summary>A paragraph's text with its breaks as line ends.</summary>
    private static string Lines(Paragraph paragraph)
        => string.Concat(paragraph.Descendants().Where(e => e is WordText or Break).Select(e => e is WordText t ? t.Text : "\n"));

    private sealed class RenderedFile : IDisposable
    {
        public RenderedFile(byte[] bytes)
        {
            Bytes = bytes;
            Document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            Body = Document.MainDocumentPart!.Document.Body!;
            Tables = [.. Body.Elements<Table>()];
            Paragraphs = [.. Body.Elements<Paragraph>().Select(Lines)];
            Text = string.Join('\n', Body.Descendants<WordText>().Select(t => t.Text));
        }

        public byte[] Bytes { get; }

        public WordprocessingDocument Document { get; }

        public Body Body { get; }

        public List<Table> Tables { get; }

        public List<string> Paragraphs { get; }

        public string Text { get; }

        /// <summary>The table right after the heading with this text.</summary>
        public Table TableAfter(string heading)
            => Body.Elements<Paragraph>().First(p => p.InnerText == heading).ElementsAfter().OfType<Table>().First();

        public void Dispose() => Document.Dispose();
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

        using var file = Render(record, [], CaseFileNames.Known(record), new Dictionary<int, byte[]>());

        var messages = file.Paragraphs.IndexOf("Teams messages kept as evidence");
        Assert.Contains("sent 2026-11-02 09:30 UTC", file.Paragraphs[messages + 1], StringComparison.Ordinal);
        Assert.Contains(" at 2026-11-02 09:30 UTC", file.Paragraphs[messages + 3], StringComparison.Ordinal);
        Assert.Equal("2026-11-02 09:30 UTC", MessageQuote.Time(TextCatalog.Load(), message));
    }
}
