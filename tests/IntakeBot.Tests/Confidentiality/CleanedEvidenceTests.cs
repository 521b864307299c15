using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Evidence;
using IntakeBot.Sharing;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Tests.Workspace;
using IntakeBot.Text;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace IntakeBot.Tests.Confidentiality;

/// <summary>Files of a confidential case over HTTP, on Azurite: each kept as uploaded but sealed, the
/// handlers given a copy without the names in its metadata, under a neutral name; a kind of file the bot
/// cannot clean is withheld, and says so. The canaries are a person and a company named only inside the
/// files' metadata and in the names the files were uploaded with.</summary>
public sealed class CleanedEvidenceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Person = "Ottoline Sparrowhawk";
    private const string Company = "Quillmere Holdings";
    private static readonly string[] Canaries = ["Sparrowhawk", "Quillmere"];

    private FileServer _files = null!;

    public async Task InitializeAsync() => _files = await FileServer.StartAsync();

    public async Task DisposeAsync() => await _files.DisposeAsync();

    private static Dictionary<string, string?> Settings() => Confidential.Settings(Guid.NewGuid().ToString(), new Dictionary<string, string?>
    {
        ["Evidence:AllowedHosts:0"] = "127.0.0.1",
        ["Evidence:AllowLoopbackHttp"] = "true",
    });

    private static bool Names(string text) => Canaries.Any(c => text.Contains(c, StringComparison.OrdinalIgnoreCase));

    private async Task<IReadOnlyList<string>> UploadAsync(HttpChat reporter, string name, byte[] bytes)
        => await reporter.SendAsync(null, [HttpChat.UploadedFile(name, _files.Serve(name, bytes))]);

    [Fact]
    public async Task Handlers_get_cleaned_copies_under_neutral_names_while_the_sealed_originals_keep_their_hashes()
    {
        Dictionary<string, byte[]> uploaded = new()
        {
            ["Sparrowhawk notes.docx"] = MetadataFiles.Docx(Person, Company),
            ["IMG_0042 Quillmere.jpg"] = MetadataFiles.Jpeg(Person, Company),
            ["sparrowhawk-statement.pdf"] = MetadataFiles.Pdf(Person, Company),
            ["sparrowhawk.gif"] = MetadataFiles.Gif(Person),
        };
        Assert.All(uploaded.Values, file => Assert.True(Names(MetadataFiles.Readable(file)), "Each file names the canary before it is sent."));
        await using var workspace = await WorkspaceApp.StartAsync(azurite, Settings());
        var app = workspace.App;
        var reporter = new HttpChat(app.CreateClient());
        var words = Intake.UpToReview();
        var evidenceStep = Array.IndexOf(words, "skip");
        await reporter.SayAsync("report");
        await reporter.SayAsync("confidential");
        var asked = string.Join("\n", await reporter.SayAllAsync(words[1..evidenceStep]));
        Assert.Contains("files can carry names inside them", asked, StringComparison.Ordinal);
        Assert.Contains("other kinds of file are kept encrypted and not shown to them", asked, StringComparison.Ordinal);

        var replies = new List<string>();
        foreach (var (name, bytes) in uploaded)
        {
            replies.Add((await UploadAsync(reporter, name, bytes))[0]);
        }

        Assert.StartsWith("Saved your file as evidence-1.docx", replies[0], StringComparison.Ordinal);
        Assert.StartsWith("Saved your file as evidence-2.jpg", replies[1], StringComparison.Ordinal);
        Assert.StartsWith("Saved your file as evidence-3.pdf", replies[2], StringComparison.Ordinal);
        Assert.StartsWith("Saved your file as evidence-4.gif", replies[3], StringComparison.Ordinal);
        Assert.Contains("I can't take names out of this kind of file", replies[3], StringComparison.Ordinal);
        await reporter.SayAsync("thats all");
        await reporter.SayAllAsync(words[(evidenceStep + 1)..]);
        var reference = Receipt.ReferenceIn(string.Join("\n", await reporter.SayAsync("submit")));
        var record = await workspace.Store.GetAsync(reference, CancellationToken.None);
        Assert.Equal(["evidence-1.docx", "evidence-2.jpg", "evidence-3.pdf", "evidence-4.gif"], record!.Evidence.Select(e => e.SafeName));

        // The owner's card lists them by the neutral names, the one that could not be cleaned saying so.
        var owner = new HttpChat(app.CreateClient(), WorkspaceApp.OwnerId);
        var card = string.Join("\n", await owner.ShownAsync($"case {reference}"));
        Assert.Contains("evidence-1.docx", card, StringComparison.Ordinal);
        Assert.Contains("evidence-4.gif (", card, StringComparison.Ordinal);
        Assert.Contains("not cleaned, may carry names, so it's kept sealed and not shown", card, StringComparison.Ordinal);

        // The owner's downloads: the cleaned copies, still the documents they were; the withheld one not at all.
        using var client = workspace.Owner();
        var copies = new List<byte[]>();
        for (var number = 1; number <= 3; number++)
        {
            var download = await client.GetAsync($"/api/workspace/cases/{reference}/evidence/{number}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.StartsWith("evidence-", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
            copies.Add(await download.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/workspace/cases/{reference}/evidence/4")).StatusCode);
        Assert.All(copies, copy => Assert.False(Names(MetadataFiles.Readable(copy))));
        Assert.Contains(MetadataFiles.WhatItSays, MetadataFiles.Readable(copies[0]), StringComparison.Ordinal);
        Assert.Contains(MetadataFiles.WhatItSays, MetadataFiles.Readable(copies[2]), StringComparison.Ordinal);
        Assert.Equal(uploaded["sparrowhawk-statement.pdf"].Length, copies[2].Length);
        using (var original = Image.Load<Rgb24>(uploaded["IMG_0042 Quillmere.jpg"]))
        using (var cleaned = Image.Load<Rgb24>(copies[1]))
        {
            Assert.Equal((original.Width, original.Height, original[3, 4]), (cleaned.Width, cleaned.Height, cleaned[3, 4]));
            Assert.Null(cleaned.Metadata.ExifProfile);
            Assert.Null(cleaned.Metadata.IptcProfile);
            Assert.Null(cleaned.Metadata.XmpProfile);
        }

        // The case file holds the cleaned copies and the neutral names.
        record = await workspace.Store.GetAsync(reference, CancellationToken.None);
        var store = app.Services.GetRequiredService<EvidenceStore>();
        var shown = new Dictionary<int, byte[]>();
        foreach (var item in record!.Evidence.Where(CaseFileDocument.Shows))
        {
            await using var content = await store.OpenReadAsync(item, CancellationToken.None);
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            shown[item.Number] = copy.ToArray();
        }

        Assert.Equal([2], shown.Keys);
        var transcript = await workspace.Store.ReadTranscriptAsync(reference, CancellationToken.None);
        using var caseFile = CaseFileDocument.Build(app.Services.GetRequiredService<TextCatalog>(), record, transcript, CaseFileNames.Known(record), shown);
        var caseFileText = MetadataFiles.Readable(caseFile.ToArray());
        Assert.Contains("evidence-3.pdf", caseFileText, StringComparison.Ordinal);
        Assert.False(Names(caseFileText));

        // Every blob of the cases container, as an operator reads it: content, metadata and index tags.
        var blobs = new CaseBlobs(azurite, app);
        var read = 0;
        await foreach (var item in blobs.Cases.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata | BlobTraits.Tags }))
        {
            var content = MetadataFiles.Readable((await blobs.Cases.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToArray());
            var seen = string.Join("\n", [item.Name, content, .. item.Metadata.Select(m => $"{m.Key}={Uri.UnescapeDataString(m.Value)}"), .. (item.Tags ?? new Dictionary<string, string>()).Select(t => $"{t.Key}={t.Value}")]);
            Assert.False(Names(seen), $"{item.Name} names the canary.");
            read++;
        }

        Assert.True(read >= 10, $"Only {read} blobs were read: the case, its transcript, audit, 3 copies and 4 sealed originals are expected.");

        // Each original, sealed, is the file as uploaded: same bytes, same hash, its own name.
        foreach (var (item, (name, bytes)) in record.Evidence.Zip(uploaded))
        {
            var (facts, content) = await store.OpenSealedAsync(item.Original!, CancellationToken.None);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), facts.Sha256);
            Assert.Equal(facts.Sha256, Convert.ToHexStringLower(SHA256.HashData(content)));
            Assert.Equal(name, facts.OriginalName);
        }

        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(app.Logs.Lines, Names);
    }

    [Fact]
    public async Task Adding_to_a_confidential_report_gives_the_notice_about_files_and_cleans_what_is_added()
    {
        await using var app = new BotApp(azurite, Settings());
        var reporter = new HttpChat(app.CreateClient());
        var words = Intake.UpToReview();
        await reporter.SayAsync("report");
        await reporter.SayAsync("confidential");
        await reporter.SayAsync("he shouted at me in the stand-up meeting");
        await reporter.SayAllAsync(words[2..]);
        var reference = Receipt.ReferenceIn(string.Join("\n", await reporter.SayAsync("submit")));

        var asked = string.Join("\n", await reporter.SayAsync($"Add to {reference.ToLowerInvariant()}"));
        Assert.Contains($"What would you like to add to **{reference}**?", asked, StringComparison.Ordinal);
        Assert.Contains("files can carry names inside them", asked, StringComparison.Ordinal);
        var docx = MetadataFiles.Docx(Person, Company);
        await UploadAsync(reporter, "Sparrowhawk notes.docx", docx);
        await reporter.SayAsync("done");

        var item = Assert.Single((await app.Services.GetRequiredService<ICaseStore>().GetAsync(reference, CancellationToken.None))!.Evidence);
        Assert.Equal("evidence-1.docx", item.SafeName);
        Assert.NotNull(item.Original);

        // A named report's addition has no such notice: its files are kept as they are.
        var named = new HttpChat(app.CreateClient());
        await named.SayAllAsync(words);
        var namedReference = Receipt.ReferenceIn(string.Join("\n", await named.SayAsync("submit")));
        var namedAsked = string.Join("\n", await named.SayAsync($"add to {namedReference}"));
        Assert.Contains($"What would you like to add to **{namedReference}**?", namedAsked, StringComparison.Ordinal);
        Assert.DoesNotContain("files can carry names", namedAsked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_sent_before_choosing_confidential_at_the_review_is_sealed_and_cleaned_when_the_report_is_submitted()
    {
        await using var app = new BotApp(azurite, Settings());
        var reporter = new HttpChat(app.CreateClient());
        var words = Intake.UpToReview();
        var evidenceStep = Array.IndexOf(words, "skip");
        await reporter.SayAllAsync(words[..evidenceStep]);
        var docx = MetadataFiles.Docx(Person, Company);
        Assert.StartsWith("Saved Sparrowhawk-notes.docx", (await UploadAsync(reporter, "Sparrowhawk notes.docx", docx))[0], StringComparison.Ordinal);
        await reporter.SayAsync("done");
        await reporter.SayAllAsync(words[(evidenceStep + 1)..]);
        Assert.Contains("Your report is now confidential", string.Join("\n", await reporter.SayAsync("Confidential please")), StringComparison.Ordinal);
        var reference = Receipt.ReferenceIn(string.Join("\n", await reporter.SayAsync("submit")));

        var record = await app.Services.GetRequiredService<ICaseStore>().GetAsync(reference, CancellationToken.None);
        var item = Assert.Single(record!.Evidence);
        Assert.Equal("evidence-1.docx", item.SafeName);
        var (facts, _) = await app.Services.GetRequiredService<EvidenceStore>().OpenSealedAsync(item.Original!, CancellationToken.None);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(docx)), facts.Sha256);

        var blobs = new CaseBlobs(azurite, app);
        var names = new List<string>();
        await foreach (var blob in blobs.Cases.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{reference}/", Traits = BlobTraits.Metadata }))
        {
            var content = MetadataFiles.Readable((await blobs.Cases.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray());
            Assert.False(Names(string.Join("\n", [blob.Name, content, .. blob.Metadata.Values.Select(Uri.UnescapeDataString)])), $"{blob.Name} names the canary.");
            names.Add(blob.Name);
        }

        Assert.Contains(names, n => n.EndsWith("-evidence-1.docx", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("-original.sealed", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, Names);
    }
}
