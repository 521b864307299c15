using System.Text;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.Confidentiality;

/// <summary>A confidential case over HTTP, on Azurite, with a Teams connector on 127.0.0.1: the reporter's
/// object id, Teams id and name are nowhere in the cases container in clear (content, metadata, index
/// tags), in no log line and in nothing the owner is sent, while the owner and the reporter write to
/// each other through the bot as for a named case.</summary>
public sealed class SealedIdentityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string CanaryId = "c4a7a2e1-0b7e-4c55-9d1a-5eed5eedca11";
    private const string CanaryName = "Wanda Quillfeather";
    private const string UpnPath = "wanda_quillfeather_contoso_example";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string[] Canaries = [CanaryId, CanaryName, "Quillfeather", UpnPath];

    private FileServer _files = null!;
    private ConnectorStub _connector = null!;

    public async Task InitializeAsync()
    {
        _files = await FileServer.StartAsync();
        _connector = await ConnectorStub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _files.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(string ownerId) => Confidential.Settings(Guid.NewGuid().ToString(), new Dictionary<string, string?>
    {
        ["Intake:DefaultOwner"] = ownerId,
        ["Intake:Responders:0"] = ownerId,
        ["Evidence:AllowedHosts:0"] = "127.0.0.1",
        ["Evidence:AllowLoopbackHttp"] = "true",
    });

    private static string Text(JObject activity) => activity.Value<string>("text") ?? string.Empty;

    /// <summary>A whole confidential intake by the canary reporter, with a file and their own name in the account.</summary>
    private async Task<string> SubmitConfidentialAsync(HttpChat reporter)
    {
        var words = Intake.UpToReview();
        var evidence = Array.IndexOf(words, "skip");
        await reporter.SayAsync("report");
        Assert.Contains("Your report is now confidential", string.Join("\n", await reporter.SayAsync("confidential")), StringComparison.Ordinal);
        await reporter.SayAsync($"I am {CanaryName} and he shouted at me in the stand-up meeting");
        await reporter.SayAllAsync(words[2..evidence]);
        _files.Serve("notes.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\nnotes\n%%EOF"));
        var saved = await reporter.SendAsync(null, [HttpChat.UploadedFile("notes.pdf", $"{_files.BaseUrl}/files/notes.pdf?path=/personal/{UpnPath}/Documents/notes.pdf")]);
        Assert.StartsWith("Saved your file as evidence-1.pdf", saved[0], StringComparison.Ordinal);
        await reporter.SayAsync("done");
        await reporter.SayAllAsync(words[(evidence + 1)..]);
        return Receipt.ReferenceIn(string.Join("\n", await reporter.SayAsync("submit")));
    }

    [Fact]
    public async Task The_reporters_identity_is_in_no_blob_tag_log_or_owner_message_and_the_follow_up_still_reaches_them()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId));
        var reporter = new HttpChat(app.CreateClient(), CanaryId, _connector.ServiceUrl, name: CanaryName);
        var reference = await SubmitConfidentialAsync(reporter);
        Assert.Matches("IR-[0-9A-Z]{8}", reference);

        // The owner works the case: the card shows the pseudonym; acknowledging and a message reach the reporter.
        var owner = new HttpChat(app.CreateClient(), ownerId, _connector.ServiceUrl);
        var card = string.Join("\n", await owner.ShownAsync($"case {reference}"));
        Assert.Contains("I am Reporter R-", card, StringComparison.Ordinal);
        await owner.SayAsync($"acknowledge {reference}");
        var acknowledged = await _connector.WaitForSentAsync(a => Text(a).Contains($"its owner has acknowledged it", StringComparison.Ordinal), Patience);
        Assert.Equal(reporter.ConversationId, acknowledged.ConversationId);
        Assert.StartsWith($"Your message is saved in {reference}.", (await owner.SayAsync($"message {reference} Could we talk on Tuesday?"))[0], StringComparison.Ordinal);
        var told = await _connector.WaitForSentAsync(a => Text(a).Contains("new message about your report", StringComparison.Ordinal), Patience);
        Assert.Equal(reporter.ConversationId, told.ConversationId);

        // The reporter replies and adds to it, as for any case of theirs.
        Assert.Contains(reference, (await reporter.SayAsync("my reports"))[0], StringComparison.Ordinal);
        Assert.StartsWith($"Your reply is saved in {reference}", (await reporter.SayAsync($"reply {reference} Yes, after lunch"))[0], StringComparison.Ordinal);
        await reporter.SayAllAsync($"add to {reference}", "one more thing, it happend again friday", "done");
        var replyCard = string.Join("\n", await owner.ShownAsync($"case {reference}"));
        Assert.Contains("Yes, after lunch", replyCard, StringComparison.Ordinal);
        Assert.Contains("it happend again friday", replyCard, StringComparison.Ordinal);

        var store = app.Services.GetRequiredService<ICaseStore>();
        var record = await store.GetAsync(reference, CancellationToken.None);
        Assert.NotNull(record!.SealedReporter);
        Assert.StartsWith("Reporter R-", record.Reporter!.Name, StringComparison.Ordinal);
        await UntilAsync(async () => (await store.GetAsync(reference, CancellationToken.None))!.Additions.Count == 1);
        Assert.Equal(record.SealedReporter.Pseudonym, (await store.GetAsync(reference, CancellationToken.None))!.Additions[0].AddedBy);

        // Every blob of the cases container, as an operator reads it: content, metadata and index tags.
        var blobs = new CaseBlobs(azurite, app);
        var read = 0;
        await foreach (var item in blobs.Cases.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata | BlobTraits.Tags }))
        {
            var content = (await blobs.Cases.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToString();
            var shown = string.Join("\n", [item.Name, content, .. item.Metadata.Select(m => $"{m.Key}={Uri.UnescapeDataString(m.Value)}"), .. (item.Tags ?? new Dictionary<string, string>()).Select(t => $"{t.Key}={t.Value}")]);
            Assert.DoesNotContain(Canaries, c => shown.Contains(c, StringComparison.OrdinalIgnoreCase));
            read++;
        }

        Assert.True(read >= 4, $"Only {read} blobs were read: case.json, transcript, audit and the file are expected.");
        Assert.Contains(await store.ReadAuditAsync(reference, CancellationToken.None), a => a.Action == AuditAction.Message);

        // Nothing the owner was sent or shown, and no log line, names the reporter.
        Assert.DoesNotContain(Canaries, c => (card + replyCard).Contains(c, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(_connector.Sent.Where(s => s.ConversationId != reporter.ConversationId), s => Canaries.Any(c => s.Activity.ToString().Contains(c, StringComparison.OrdinalIgnoreCase)));
        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(app.Logs.Lines, l => Canaries.Any(c => l.Contains(c, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task The_sealed_identity_opens_with_the_key_and_only_for_its_own_case()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId));
        var reporter = new HttpChat(app.CreateClient(), CanaryId, _connector.ServiceUrl, name: CanaryName);
        var reference = await SubmitConfidentialAsync(reporter);
        var record = await app.Services.GetRequiredService<ICaseStore>().GetAsync(reference, CancellationToken.None);
        var seal = app.Services.GetRequiredService<IdentitySeal>();

        var identity = await seal.UnsealAsync(reference, record!.SealedReporter!, CancellationToken.None);
        Assert.Equal(CanaryId, identity.AadObjectId);
        Assert.Equal(CanaryName, identity.Name);
        Assert.Contains(reporter.ConversationId, identity.Conversation, StringComparison.Ordinal);
        Assert.True(seal.IsReporter(record.SealedReporter!, CanaryId.ToUpperInvariant()));
        Assert.False(seal.IsReporter(record.SealedReporter!, ownerId));

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => seal.UnsealAsync("IR-00000000", record.SealedReporter!, CancellationToken.None));
    }
}
