using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Cases.Answers;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Tests.Responders;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Confidentiality;

/// <summary>A report a responder takes from someone who prefers not to say who they are is kept like a
/// confidential one, with no identity to seal: a pseudonym in the owner's views, files sealed and cleaned.</summary>
public sealed class UnnamedTakenReportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Person = "Ottoline Sparrowhawk";
    private static readonly string ResponderId = Guid.NewGuid().ToString();

    private FileServer _files = null!;

    public async Task InitializeAsync() => _files = await FileServer.StartAsync();

    public async Task DisposeAsync() => await _files.DisposeAsync();

    [Fact]
    public async Task Prefers_not_to_say_gives_the_case_a_pseudonym_and_cleaned_files()
    {
        await using var app = new BotApp(azurite, Confidential.Settings(Guid.NewGuid().ToString(), new Dictionary<string, string?>
        {
            ["Intake:Responders:1"] = ResponderId,
            ["Evidence:AllowedHosts:0"] = "127.0.0.1",
            ["Evidence:AllowLoopbackHttp"] = "true",
        }));
        var responder = new HttpChat(app.CreateClient(), ResponderId);
        var words = TakeReportTests.WholeTakenReport.ToArray();
        words[1] = "prefers not to say";
        var evidenceStep = Array.IndexOf(words, "skip", 12);
        await responder.SayAllAsync(words[..evidenceStep]);
        var jpeg = MetadataFiles.Jpeg(Person, "Quillmere Holdings");
        var saved = await responder.SendAsync(null, [HttpChat.UploadedFile("from Ottoline Sparrowhawk.jpg", _files.Serve("from Ottoline Sparrowhawk.jpg", jpeg))]);
        Assert.StartsWith("Saved your file as evidence-1.jpg", saved[0], StringComparison.Ordinal);
        await responder.SayAsync("done");
        await responder.SayAllAsync(words[(evidenceStep + 1)..]);
        var reference = Receipt.ReferenceIn(string.Join("\n", await responder.SayAsync("submit")));

        var record = await app.Services.GetRequiredService<ICaseStore>().GetAsync(reference, CancellationToken.None);
        Assert.Equal(IdentityChoice.Confidential, record!.Identity);
        Assert.Null(record.SealedReporter);
        Assert.Equal(ReportedByAnswer.PrefersNotToSay, record.Answers.ReportedByChoice);
        Assert.StartsWith("Reporter R-", record.Answers.ReportedBy, StringComparison.Ordinal);
        var card = string.Join("\n", await responder.ShownAsync($"case {reference}"));
        Assert.Contains(record.Answers.ReportedBy!, card, StringComparison.Ordinal);
        Assert.Contains("evidence-1.jpg", card, StringComparison.Ordinal);

        var item = Assert.Single(record.Evidence);
        Assert.True(item.Original is { Cleaned: true });
        var blobs = new CaseBlobs(azurite, app);
        var read = 0;
        await foreach (var blob in blobs.Cases.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{reference}/", Traits = BlobTraits.Metadata }))
        {
            var content = MetadataFiles.Readable((await blobs.Cases.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray());
            Assert.DoesNotContain("Sparrowhawk", string.Join("\n", [blob.Name, content, .. blob.Metadata.Values.Select(Uri.UnescapeDataString)]), StringComparison.OrdinalIgnoreCase);
            read++;
        }

        Assert.True(read >= 4, $"Only {read} blobs were read: the case, its transcript, the copy and the sealed original are expected.");
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("Sparrowhawk", StringComparison.OrdinalIgnoreCase));
    }
}
