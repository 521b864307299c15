using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using IntakeBot.Evidence;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Evidence;

public sealed class EvidenceTests(EvidenceApp app) : IClassFixture<EvidenceApp>, IAsyncLifetime
{
    private static readonly TextCatalog Text = TextCatalog.Load();

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Encoding.ASCII.GetBytes("a screenshot, honestly")];
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\nthe meeting notes\n%%EOF");
    private static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];

    /// <summary>The evidence blobs the class's earlier tests left in the shared app's container.</summary>
    private List<string> _evidenceBefore = [];

    public async Task InitializeAsync()
    {
        app.Forbidden.Clear();
        _evidenceBefore = await AllEvidenceBlobsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpChat> AtEvidenceStepAsync()
    {
        var chat = new HttpChat(app.Client, serviceUrl: app.Files.BaseUrl + "/");
        var upToReview = Intake.UpToReview();
        var evidenceStep = Array.IndexOf(upToReview, "skip");
        var replies = await chat.SayAllAsync(upToReview[..evidenceStep]);
        Assert.StartsWith("Do you have anything that shows what happened", replies[^1], StringComparison.Ordinal);
        return chat;
    }

    /// <summary>The conversation's intake in progress: its evidence is listed in the draft until it is submitted.</summary>
    private Task<IntakeBot.Conversation.IntakeDraft> DraftAsync(HttpChat chat) => app.Blobs.DraftAsync(chat.ConversationId);

    /// <summary>Evidence blobs anywhere in the cases container that this test added: any case's, not only
    /// the conversation's, so that evidence stored under a wrong reference would be found too.</summary>
    private async Task<List<string>> EvidenceBlobsAsync() => [.. (await AllEvidenceBlobsAsync()).Except(_evidenceBefore)];

    private async Task<List<string>> AllEvidenceBlobsAsync()
    {
        var names = new List<string>();
        await foreach (var blob in app.Blobs.Cases.GetBlobsAsync())
        {
            if (blob.Name.Contains("/evidence/", StringComparison.Ordinal))
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }

    [Fact]
    public async Task An_uploaded_pdf_a_pasted_screenshot_and_pasted_text_each_land_in_the_case_with_their_hash_and_metadata()
    {
        var chat = await AtEvidenceStepAsync();

        var pdf = await chat.SendAsync(null, [HttpChat.UploadedFile("Meeting notes.pdf", app.Files.Serve("notes.pdf", Pdf))]);
        app.Files.Serve("shot", Png, "image/png");
        var image = await chat.SendAsync(null, [HttpChat.InlineImage($"{app.Files.BaseUrl}/attachments/shot"), HttpChat.HtmlCompanion($"<p><img src=\"https://elsewhere.example/img\"></p>")]);
        var text = await chat.SayAsync("[10:02] Sam: you should just quit");
        var review = await chat.SayAllAsync("done", "skip", "Teams", "skip");

        Assert.StartsWith("Saved Meeting-notes.pdf (", pdf[0], StringComparison.Ordinal);
        Assert.StartsWith("Saved screenshot.png (", image[0], StringComparison.Ordinal);
        Assert.StartsWith("Saved the text you pasted", text[0], StringComparison.Ordinal);
        Assert.Contains(app.Files.Requests, r => r.StartsWith("/attachments/shot", StringComparison.Ordinal) && r.EndsWith($"Bearer {FileServer.BotToken}", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Files.Requests, r => r.StartsWith("/files/notes.pdf", StringComparison.Ordinal) && r.Contains("Bearer", StringComparison.Ordinal));
        var record = await DraftAsync(chat);
        Assert.Equal(["Meeting-notes.pdf", "screenshot.png", "pasted-text.txt"], record.Evidence.Select(e => e.SafeName));
        Assert.Equal("Meeting notes.pdf", record.Evidence[0].OriginalName);
        var blobs = app.Blobs;
        foreach (var (item, bytes) in record.Evidence.Zip([Pdf, Png, Encoding.UTF8.GetBytes("[10:02] Sam: you should just quit")]))
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            Assert.Equal(sha, item.Sha256);
            Assert.Equal(bytes.Length, item.Size);
            var metadata = await blobs.MetadataAsync(item.BlobName);
            Assert.Equal(sha, metadata["sha256"]);
            Assert.Equal("HighlyConfidential", metadata["classification"]);
            Assert.Equal(chat.AadObjectId, metadata["addedby"]);
        }

        Assert.Matches(@"^IR-[0-9A-Z]{8}/evidence/[0-9a-f]{16}-01-Meeting-notes\.pdf$", record.Evidence[0].BlobName);
        Assert.Equal([1, 2, 3], record.Evidence.Select(e => e.Number));
        Assert.StartsWith($"{record.CaseReference}/evidence/", record.Evidence[0].BlobName, StringComparison.Ordinal);
        Assert.Contains(record.PendingTranscript, e => e.Type == "evidence" && e.Text!.Contains(record.Evidence[1].Sha256, StringComparison.Ordinal));
        Assert.Contains(review, r => r.StartsWith("Here is your report", StringComparison.Ordinal));
        Assert.Empty(app.Forbidden);

        // At submit the draft's evidence list becomes the case's, under the reference it was stored by.
        var reference = Receipt.ReferenceIn(string.Join("\n", await chat.SayAsync("submit")));
        Assert.Equal(record.CaseReference, reference);
        var submitted = await blobs.CaseAsync(reference);
        Assert.Equal(record.Evidence, submitted.Evidence);
        Assert.Contains(await blobs.TranscriptAsync(reference), e => e.Type == "evidence" && e.Text!.Contains(record.Evidence[1].Sha256, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_60_mb_file_is_refused_while_streaming_and_nothing_is_left_behind()
    {
        var chat = await AtEvidenceStepAsync();

        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile("huge.png", $"{app.Files.BaseUrl}/stream/{60L * 1024 * 1024}")]);

        Assert.StartsWith("I can't keep huge.png: it's larger than the 50 MB that fit", replies[0], StringComparison.Ordinal);
        Assert.Empty(await EvidenceBlobsAsync());
        Assert.Empty((await DraftAsync(chat)).Evidence);
        Assert.StartsWith("Add more whenever you're ready", replies[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_declares_it_is_too_large_is_refused_before_it_is_read()
    {
        var chat = await AtEvidenceStepAsync();

        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile("big.pdf", $"{app.Files.BaseUrl}/declared-large")]);

        Assert.StartsWith("I can't keep big.pdf: it's larger than", replies[0], StringComparison.Ordinal);
        Assert.Empty(await EvidenceBlobsAsync());
    }

    [Theory]
    [InlineData("holiday.png", "programs and scripts aren't accepted")]
    [InlineData("setup.exe", "programs and scripts aren't accepted")]
    public async Task An_executable_is_refused_by_its_first_bytes_whatever_its_name(string name, string reason)
    {
        var chat = await AtEvidenceStepAsync();

        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile(name, app.Files.Serve(name, Exe))]);

        Assert.Contains(reason, replies[0], StringComparison.Ordinal);
        Assert.Empty(await EvidenceBlobsAsync());
    }

    [Fact]
    public async Task Archives_and_unknown_types_and_pdfs_that_are_not_pdfs_are_refused_with_the_reason()
    {
        var chat = await AtEvidenceStepAsync();
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, .. Encoding.ASCII.GetBytes("secret/notes.txt")];

        var archive = await chat.SendAsync(null, [HttpChat.UploadedFile("all.zip", app.Files.Serve("all.zip", zip))]);
        var unknown = await chat.SendAsync(null, [HttpChat.UploadedFile("data.xyz", app.Files.Serve("data.xyz", Pdf))]);
        var mismatch = await chat.SendAsync(null, [HttpChat.UploadedFile("fake.pdf", app.Files.Serve("fake.pdf", Png))]);

        Assert.Contains("archives such as .zip aren't accepted", archive[0], StringComparison.Ordinal);
        Assert.Contains("that type of file isn't accepted", unknown[0], StringComparison.Ordinal);
        Assert.Contains("its content doesn't match its file type", mismatch[0], StringComparison.Ordinal);
        Assert.Empty(await EvidenceBlobsAsync());
    }

    [Fact]
    public async Task A_download_that_answers_with_a_web_page_is_refused_and_the_person_is_asked_to_attach_it_again()
    {
        var chat = await AtEvidenceStepAsync();
        var page = app.Files.Serve("signin.pdf", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Sign in</body></html>"), "text/html");

        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile("report.pdf", page)]);

        Assert.StartsWith("I received a web page instead of report.pdf", replies[0], StringComparison.Ordinal);
        Assert.Contains("attach the file again", replies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_content_url_on_a_loopback_host_that_is_not_allowed_is_refused_and_never_contacted()
    {
        using var listener = new TcpListener(IPAddress.Parse("127.0.0.2"), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var chat = await AtEvidenceStepAsync();

        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile("x.png", $"http://127.0.0.2:{port}/x.png"), HttpChat.InlineImage($"http://127.0.0.2:{port}/img")]);

        Assert.All(replies.Take(2), r => Assert.Contains("I can't fetch", r, StringComparison.Ordinal));
        Assert.False(listener.Pending());
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.0.0.5/file.png")]
    [InlineData("https://192.168.1.10/file.png")]
    [InlineData("https://[fd00::1]/file.png")]
    [InlineData("https://evil.example/file.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://user:pass@127.0.0.1/x.png")]
    public async Task Addresses_off_the_allow_list_are_refused_before_any_connection_is_tried(string url)
    {
        var chat = await AtEvidenceStepAsync();

        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile("x.png", url), HttpChat.InlineImage(url)]);

        Assert.All(replies.Take(2), r => Assert.Contains("I can't fetch", r, StringComparison.Ordinal));
        Assert.Empty(app.Forbidden);
        Assert.Empty(await EvidenceBlobsAsync());
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_refused_and_one_on_the_same_host_is_followed()
    {
        var chat = await AtEvidenceStepAsync();
        app.Files.Serve("moved.pdf", Pdf, "application/pdf");

        var elsewhere = await chat.SendAsync(null, [HttpChat.UploadedFile("a.pdf", $"{app.Files.BaseUrl}/redirect")]);
        var sameHost = await chat.SendAsync(null, [HttpChat.UploadedFile("b.pdf", $"{app.Files.BaseUrl}/redirect-same-host/moved.pdf")]);

        Assert.Contains("I can't fetch a.pdf", elsewhere[0], StringComparison.Ordinal);
        Assert.StartsWith("Saved b.pdf", sameHost[0], StringComparison.Ordinal);
        Assert.Empty(app.Forbidden);
    }

    [Fact]
    public async Task A_card_is_refused_naming_what_is_accepted_and_the_intake_goes_on()
    {
        var chat = await AtEvidenceStepAsync();
        var card = new JObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = new JObject { ["type"] = "AdaptiveCard" } };

        var replies = await chat.SendAsync(null, [card]);

        Assert.Contains("Screenshots, files and pasted text are accepted", replies[0], StringComparison.Ordinal);
        Assert.StartsWith("Is there anything else you'd like to add", (await chat.SayAsync("done"))[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_sent_at_another_step_are_kept_as_evidence_and_the_step_is_asked_again()
    {
        var chat = new HttpChat(app.Client, serviceUrl: app.Files.BaseUrl + "/");
        await chat.SayAllAsync("report", "It happened", "done", "skip", "It happened to me");

        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile("proof.pdf", app.Files.Serve("proof.pdf", Pdf))]);

        Assert.StartsWith("Saved proof.pdf", replies[0], StringComparison.Ordinal);
        Assert.StartsWith("When did it happen?", replies[^1], StringComparison.Ordinal);
        Assert.Single((await DraftAsync(chat)).Evidence);
    }

    [Fact]
    public async Task A_reporter_adds_a_screenshot_to_their_submitted_report()
    {
        var chat = new HttpChat(app.Client, serviceUrl: app.Files.BaseUrl + "/");
        var reference = await chat.SubmitReportAsync();
        await chat.SayAsync($"add to {reference}");
        app.Files.Serve("later", Png, "image/png");

        var replies = await chat.SendAsync(null, [HttpChat.InlineImage($"{app.Files.BaseUrl}/attachments/later")]);
        await chat.SayAsync("done");

        Assert.StartsWith("Saved screenshot.png", replies[0], StringComparison.Ordinal);
        var record = await app.Blobs.CaseAsync(reference);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Png)), Assert.Single(record.Evidence).Sha256);
    }

    /// <summary>An Office document as a zip of the given parts, as Office writes one.</summary>
    private static byte[] Office(params string[] parts)
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in (string[])["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", .. parts])
            {
                using var entry = zip.CreateEntry(part).Open();
                entry.Write(part.EndsWith(".png", StringComparison.Ordinal) ? Png : Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><part name=\"{part}\"/>"));
            }
        }

        return bytes.ToArray();
    }

    [Theory]
    [InlineData("report.docx", "word/document.xml", "word/_rels/document.xml.rels", "word/media/image1.png", "word/styles.xml")]
    [InlineData("figures.xlsx", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/printerSettings/printerSettings1.bin")]
    [InlineData("slides.pptx", "ppt/presentation.xml", "ppt/slides/slide1.xml", "ppt/media/image1.png")]
    public async Task An_office_document_of_only_office_parts_is_kept_whole(string name, params string[] parts)
    {
        var chat = await AtEvidenceStepAsync();
        var document = Office(parts);

        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile(name, app.Files.Serve(name, document))]);

        Assert.StartsWith($"Saved {name}", replies[0], StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(document)), Assert.Single((await DraftAsync(chat)).Evidence).Sha256);
    }

    [Theory]
    [InlineData("report.docx", FileRefusal.Executable, "word/document.xml", "word/x.exe")]
    [InlineData("report.docx", FileRefusal.Executable, "word/document.xml", "word/vbaProject.bin")]
    [InlineData("report.docx", FileRefusal.Executable, "word/document.xml", "word/run.ps1")]
    [InlineData("figures.xlsx", FileRefusal.Archive, "xl/workbook.xml", "xl/embeddings/oleObject1.bin")]
    [InlineData("figures.xlsx", FileRefusal.Archive, "xl/workbook.xml", "xl/media/more.zip")]
    [InlineData("slides.pptx", FileRefusal.ContentDoesNotMatchName, "ppt/presentation.xml", "payload/readme.txt")]
    [InlineData("slides.pptx", FileRefusal.ContentDoesNotMatchName, "ppt/presentation.xml", "ppt/../../evil.xml")]
    [InlineData("report.docx", FileRefusal.ContentDoesNotMatchName, "xl/workbook.xml")]
    public async Task An_office_document_that_hides_a_program_macros_or_other_files_is_refused_and_nothing_is_kept(string name, FileRefusal reason, params string[] parts)
    {
        var chat = await AtEvidenceStepAsync();
        var document = Office(parts);

        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile(name, app.Files.Serve(name, document))]);

        // The reason, as the person reads it.
        var refusal = reason switch
        {
            FileRefusal.Executable => TextKey.EvidenceRefusedExecutable,
            FileRefusal.Archive => TextKey.EvidenceRefusedArchive,
            _ => TextKey.EvidenceRefusedMismatch,
        };
        Assert.StartsWith(Text.Format(refusal, name), replies[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Saved", replies[0], StringComparison.Ordinal);
        Assert.Contains(name, replies[0], StringComparison.Ordinal);
        Assert.Empty(await EvidenceBlobsAsync());
        Assert.Empty((await DraftAsync(chat)).Evidence);
    }

    [Fact]
    public async Task A_2000_character_file_name_is_cut_to_a_safe_length_and_the_file_is_kept_with_its_metadata()
    {
        var chat = await AtEvidenceStepAsync();
        var name = string.Concat(Enumerable.Repeat("Ré\U0001F600", 667)) + ".pdf";

        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile(name, app.Files.Serve("long.pdf", Pdf))]);

        Assert.StartsWith("Saved R", replies[0], StringComparison.Ordinal);
        var item = Assert.Single((await DraftAsync(chat)).Evidence);
        Assert.InRange(item.OriginalName.Length, 1, 255);
        Assert.StartsWith("Ré\U0001F600Ré", item.OriginalName, StringComparison.Ordinal);
        Assert.EndsWith(".pdf", item.OriginalName, StringComparison.Ordinal);
        var metadata = await app.Blobs.MetadataAsync(item.BlobName);
        Assert.InRange(metadata.Sum(m => m.Key.Length + m.Value.Length), 1, 4 * 1024);
        Assert.Equal(item.OriginalName, Uri.UnescapeDataString(metadata["originalname"]));
        Assert.Single(await EvidenceBlobsAsync());
    }

    [Fact]
    public async Task An_email_is_kept_as_it_came_with_its_attachment_not_unpacked()
    {
        var chat = await AtEvidenceStepAsync();
        var email = Encoding.ASCII.GetBytes("From: a@example.test\r\nSubject: notes\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: application/octet-stream; name=x.exe\r\nContent-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA\r\n--b--\r\n");

        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile("notes.eml", app.Files.Serve("notes.eml", email))]);

        Assert.StartsWith("Saved notes.eml", replies[0], StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(email)), Assert.Single((await DraftAsync(chat)).Evidence).Sha256);
        Assert.Single(await EvidenceBlobsAsync());
    }
}
