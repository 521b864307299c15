using Azure;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Storage;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>Reads what the bot wrote straight from blob storage, the way an operator would see it.</summary>
internal sealed class CaseBlobs(AzuriteFixture azurite, string casesContainer, string stateContainer, bool shared = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public CaseBlobs(AzuriteFixture azurite, BotApp app)
        : this(azurite, app.CasesContainer, app.StateContainer)
    {
    }

    public BlobContainerClient Cases => azurite.Client.GetBlobContainerClient(casesContainer);

    public BlobContainerClient State => azurite.Client.GetBlobContainerClient(stateContainer);

    public async Task<List<string>> CaseBlobNamesAsync()
    {
        RefuseWhenShared();
        var names = new List<string>();
        if (!await Cases.ExistsAsync())
        {
            return names;
        }

        await foreach (var blob in Cases.GetBlobsAsync())
        {
            // The case index's start-up marker belongs to no case.
            if (!blob.Name.StartsWith("_index/", StringComparison.Ordinal))
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }

    public async Task<int> StateBlobCountAsync()
    {
        RefuseWhenShared();
        var count = 0;
        if (await State.ExistsAsync())
        {
            await foreach (var unused in State.GetBlobsAsync())
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The messages waiting in the outbox (or, with "outbox-dead/", given up), as blob names.</summary>
    public async Task<List<string>> OutboxAsync(string folder = "outbox/")
    {
        var names = new List<string>();
        if (await State.ExistsAsync())
        {
            await foreach (var blob in State.GetBlobsAsync(new GetBlobsOptions { Prefix = folder }))
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }

    /// <summary>The state blobs (every version and snapshot storage keeps) whose content holds
    /// <paramref name="text"/>.</summary>
    public async Task<List<string>> StateBlobsContainingAsync(string text)
    {
        var found = new List<string>();
        if (!await State.ExistsAsync())
        {
            return found;
        }

        await foreach (var blob in State.GetBlobsAsync(new GetBlobsOptions { States = BlobStates.Snapshots }))
        {
            var client = blob.Snapshot is { } snapshot ? State.GetBlobClient(blob.Name).WithSnapshot(snapshot) : State.GetBlobClient(blob.Name);
            try
            {
                if ((await client.DownloadContentAsync()).Value.Content.ToString().Contains(text, StringComparison.Ordinal))
                {
                    found.Add(blob.Name);
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Gone since the listing (a delivered outbox entry, another test's state): it holds nothing now.
            }
        }

        return found;
    }

    /// <summary>The one intake in progress, read from the conversation state that holds it (until it is
    /// submitted, a draft lives only there).</summary>
    public async Task<IntakeDraft> DraftAsync() => Assert.Single(await DraftsAsync());

    /// <summary>The intake in progress in one conversation, read from the state blob that holds it.</summary>
    public async Task<IntakeDraft> DraftAsync(string conversationId)
    {
        var blob = State.GetBlobClient(BlobStateStorage.BlobNameOf($"msteams/conversations/{conversationId}"));
        var state = JObject.Parse((await blob.DownloadContentAsync()).Value.Content.ToString());
        var draft = state["intakeDraft"] as JObject;
        Assert.True(draft?["CaseReference"]?.Type == JTokenType.String, "The conversation holds no intake in progress.");
        return draft!.ToObject<IntakeDraft>()!;
    }

    /// <summary>Every intake in progress, as the conversations' state holds it.</summary>
    public async Task<List<IntakeDraft>> DraftsAsync()
    {
        RefuseWhenShared();
        var drafts = new List<IntakeDraft>();
        if (!await State.ExistsAsync())
        {
            return drafts;
        }

        await foreach (var blob in State.GetBlobsAsync())
        {
            var state = JObject.Parse((await State.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
            if (state["intakeDraft"] is JObject draft && draft["CaseReference"]?.Type == JTokenType.String)
            {
                drafts.Add(draft.ToObject<IntakeDraft>()!);
            }
        }

        return drafts;
    }

    public async Task<CaseRecord> CaseAsync(string reference)
    {
        // Long texts are kept in blobs of their own; the record is read with them, as the bot reads it.
        var content = await Cases.GetBlobClient($"{reference}/case.json").DownloadContentAsync();
        return await new CaseTexts(Cases).InlineAsync(reference, content.Value.Content, CancellationToken.None);
    }

    public async Task<string> RawCaseJsonAsync(string reference)
        => (await Cases.GetBlobClient($"{reference}/case.json").DownloadContentAsync()).Value.Content.ToString();

    public async Task<List<TranscriptEntry>> TranscriptAsync(string reference)
    {
        var content = await Cases.GetBlobClient($"{reference}/transcript.jsonl").DownloadContentAsync();
        return [.. content.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<TranscriptEntry>(l, Json)!)];
    }

    /// <summary>The case's audit log; empty while it has none.</summary>
    public async Task<List<AuditEntry>> AuditAsync(string reference)
    {
        var blob = Cases.GetBlobClient($"{reference}/audit.jsonl");
        if (!await blob.ExistsAsync())
        {
            return [];
        }

        var content = await blob.DownloadContentAsync();
        return [.. content.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<AuditEntry>(l, Json)!)];
    }

    public async Task<IDictionary<string, string>> MetadataAsync(string blobName)
        => (await Cases.GetBlobClient(blobName).GetPropertiesAsync()).Value.Metadata;

    /// <summary>The evidence blobs of one case.</summary>
    public async Task<List<string>> EvidenceAsync(string reference)
    {
        var names = new List<string>();
        if (await Cases.ExistsAsync())
        {
            await foreach (var blob in Cases.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{reference}/evidence/" }))
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }

    public async Task<string> OnlyCaseReferenceAsync()
    {
        var references = (await CaseBlobNamesAsync()).Select(n => n.Split('/')[0]).Distinct().ToList();
        return Assert.Single(references);
    }

    /// <summary>An app shared by a class's tests holds every test's blobs: a count over a whole container
    /// would depend on which tests ran before.</summary>
    private void RefuseWhenShared()
        => Assert.False(shared, "This app is shared by the class's tests: read one conversation's draft (DraftAsync(conversationId)) or one case by its reference, not the whole container.");
}
