using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Cases;

/// <summary>What is stored stays readable and unchanged: a <c>case.json</c>, transcript lines and audit
/// lines written by the bot before its statuses, kinds, actions and directions were typed in code read
/// back and are written again byte for byte the same, so that a change of the code's types never
/// rewrites (or loses) a stored case.</summary>
public sealed class StoredJsonTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Fixtures = Path.Combine(RepoPaths.Root, "tests", "IntakeBot.Tests", "Cases", "Fixtures");

    [Fact]
    public void A_stored_case_reads_back_and_is_written_again_byte_for_byte_but_for_its_choices_now_kept_as_meanings()
    {
        var stored = File.ReadAllBytes(Path.Combine(Fixtures, "case.json"));

        var record = BinaryData.FromBytes(stored).ToObjectFromJson<CaseRecord>(BlobCaseStore.Json)!;
        var written = BinaryData.FromObjectAsJson(record, BlobCaseStore.Json).ToArray();

        Assert.Equal(CaseStatus.Acknowledged, record.Status);
        var before = System.Text.Json.Nodes.JsonNode.Parse(stored)!.AsObject();
        var after = System.Text.Json.Nodes.JsonNode.Parse(written)!.AsObject();
        Assert.Equal("happened-to-me", (string?)after["answers"]!["role"]);
        Assert.Equal("no-contact", (string?)after["answers"]!["contactChoice"]);
        before.Remove("answers");
        after.Remove("answers");
        Assert.Equal(before.ToJsonString(BlobCaseStore.Json), after.ToJsonString(BlobCaseStore.Json));

        // Once written as meanings, it reads back and is written again byte for byte.
        var again = BinaryData.FromBytes(written).ToObjectFromJson<CaseRecord>(BlobCaseStore.Json)!;
        Assert.Equal(Convert.ToHexString(written), Convert.ToHexString(BinaryData.FromObjectAsJson(again, BlobCaseStore.Json).ToArray()));
    }

    [Theory]
    [InlineData("transcript.jsonl")]
    [InlineData("audit.jsonl")]
    public void Stored_log_lines_read_back_and_are_written_again_byte_for_byte(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Fixtures, file));

        var again = file.StartsWith("transcript", StringComparison.Ordinal)
            ? lines.Select(l => JsonSerializer.Serialize(JsonSerializer.Deserialize<TranscriptEntry>(l, BlobCaseStore.Json), BlobCaseStore.Json))
            : lines.Select(l => JsonSerializer.Serialize(JsonSerializer.Deserialize<AuditEntry>(l, BlobCaseStore.Json), BlobCaseStore.Json));

        Assert.Equal(lines, again);
    }

    /// <summary>The conversation's state as the bot saved it while statuses, kinds and directions were
    /// strings: an owner's move to in review, committed but not yet applied, in a responder's intake.</summary>
    private const string StateSavedWithStrings = """
        {
          "intakeDraft": { "CaseReference": "IR-7KQ2M9XD", "Kind": "taken-by-responder", "Owner": "owner@contoso.test", "PendingTranscript": [] },
          "pendingChanges": [
            {
              "Reference": "IR-5DWT3QHA", "ActivityId": "a7", "Actor": "owner@contoso.test", "At": "2026-11-25T10:00:00+00:00",
              "Addition": null, "Evidence": [], "Status": "in-review", "Note": null, "OwnerMessage": null, "ReporterReply": null,
              "RefreshSharedFor": null, "TransferTo": null, "TransferFrom": null,
              "Transcript": [
                { "At": "2026-11-25T10:00:00+00:00", "Direction": "in", "Type": "message", "ActivityId": "a7", "From": "user", "Text": "review IR-5DWT3QHA", "Attachments": null }
              ]
            }
          ]
        }
        """;

    [Fact]
    public async Task A_pending_status_change_saved_in_the_state_as_a_string_is_applied_as_that_status_and_saved_again_unchanged()
    {
        var container = azurite.Client.GetBlobContainerClient($"state-{Guid.NewGuid():N}"[..30]);
        await container.CreateAsync();
        var storage = new BlobStateStorage(container);
        var turn = new TurnContext(new TestAdapter(Microsoft.Bot.Connector.Channels.Msteams), new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = Microsoft.Bot.Connector.Channels.Msteams,
            Conversation = new ConversationAccount(id: "a:owner"),
            From = new ChannelAccount("29:owner"),
            Recipient = new ChannelAccount("28:bot"),
        });
        var key = $"{turn.Activity.ChannelId}/conversations/{turn.Activity.Conversation.Id}";
        // Dates stay text, as the state storage reads them, so that the comparison below is of the JSON.
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(StateSavedWithStrings)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        var saved = JObject.Load(reader);
        await storage.WriteAsync(new Dictionary<string, object> { [key] = saved.DeepClone() });

        var state = new ConversationState(storage);
        var accessors = new ConversationStateAccessors(state);
        var change = Assert.Single(await accessors.PendingChanges.GetAsync(turn, () => []));
        var draft = await accessors.Draft.GetAsync(turn, () => new IntakeDraft());

        Assert.Equal(CaseStatus.InReview, change.Status);
        Assert.Equal(TranscriptDirection.In, Assert.Single(change.Transcript).Direction);
        Assert.Equal(CaseKind.TakenByResponder, draft.Kind);

        // Applying it moves a case in review, and the audit line names the status as before.
        var audit = new List<AuditEntry>();
        var acknowledged = new CaseRecord { Reference = change.Reference, Owner = change.Actor, Status = CaseStatus.Acknowledged, CreatedAt = change.At, UpdatedAt = change.At };
        Assert.Equal(CaseStatus.InReview, CaseChanges.Applied(acknowledged, change, audit).Status);
        Assert.Equal("in-review", Assert.Single(audit).Detail);

        await state.SaveChangesAsync(turn, force: true);
        var stored = JObject.FromObject((await storage.ReadAsync([key]))[key]);
        Assert.True(JToken.DeepEquals(saved["pendingChanges"], stored["pendingChanges"]), stored["pendingChanges"]!.ToString());
        Assert.Equal("taken-by-responder", stored["intakeDraft"]!["Kind"]!.Value<string>());
    }

    [Fact]
    public async Task A_case_a_newer_version_gave_a_status_this_one_does_not_know_leaves_the_owners_list_working_and_is_never_overwritten()
    {
        var options = new StorageOptions { CasesContainer = $"cases-{Guid.NewGuid():N}"[..20], StateContainer = $"state-{Guid.NewGuid():N}"[..20] };
        var containers = new BlobContainers(azurite.Client, options);
        await containers.CreateIfMissingAsync(CancellationToken.None);
        var store = new BlobCaseStore(containers);
        var now = DateTimeOffset.UtcNow;
        var known = CaseReference.NewReference();
        var newer = CaseReference.NewReference();
        foreach (var reference in new[] { known, newer })
        {
            Assert.True(await store.TryCreateAsync(new CaseRecord { Reference = reference, Owner = "owner@contoso.test", Status = CaseStatus.Submitted, CreatedAt = now, UpdatedAt = now, SubmittedAt = now }, CancellationToken.None));
        }

        // A newer version writes a status, a deadline kind and an audit action this one has no name for.
        var blob = containers.Cases.GetBlobClient($"{newer}/case.json");
        var tags = (await blob.GetTagsAsync()).Value.Tags;
        var properties = (await blob.GetPropertiesAsync()).Value;
        var json = (await blob.DownloadContentAsync()).Value.Content.ToString()
            .Replace("\"status\":\"submitted\"", "\"status\":\"escalated\"", StringComparison.Ordinal)
            .Replace("\"deadlines\":[]", "\"deadlines\":[{\"kind\":\"escalation\",\"due\":\"2026-12-01T00:00:00+00:00\",\"remindFrom\":\"2026-11-30T00:00:00+00:00\"}]", StringComparison.Ordinal);
        Assert.Contains("escalation", json, StringComparison.Ordinal);
        await blob.UploadAsync(BinaryData.FromString(json), new BlobUploadOptions { Tags = tags, Metadata = properties.Metadata });
        await store.AppendAuditAsync(newer, new AuditEntry(now, "owner@contoso.test", AuditAction.Note, null, AuditResult.Done), CancellationToken.None);
        var auditBlob = containers.Cases.GetAppendBlobClient($"{newer}/audit.jsonl");
        using (var line = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"at\":\"2026-11-25T10:00:00+00:00\",\"by\":\"owner@contoso.test\",\"action\":\"escalate\",\"result\":\"forwarded\"}\n")))
        {
            await auditBlob.AppendBlockAsync(line);
        }

        var listed = await store.ListAsync(new CaseFilter(Owner: "owner@contoso.test"), CancellationToken.None);
        Assert.Equal(CaseStatus.Submitted, Assert.Single(listed, c => c.Reference == known).Status);
        var unknown = Assert.Single(listed, c => c.Reference == newer);
        Assert.Equal(CaseStatus.Unknown, unknown.Status);
        Assert.False(unknown.Status.IsSubmitted());
        Assert.Empty(unknown.RunningDeadlines);
        Assert.Equal([AuditAction.Note, AuditAction.Unknown], (await store.ReadAuditAsync(newer, CancellationToken.None)).Select(a => a.Action));

        await Assert.ThrowsAsync<JsonException>(() => store.UpdateAsync(newer, c => c with { UpdatedAt = now.AddMinutes(1), Notes = [new CaseNote(now, "owner@contoso.test", "a note")] }, CancellationToken.None));
        Assert.Equal(json, (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task An_owners_list_a_newer_version_wrote_with_names_this_one_does_not_know_still_takes_the_owners_next_case_write()
    {
        var options = new StorageOptions { CasesContainer = $"cases-{Guid.NewGuid():N}"[..20], StateContainer = $"state-{Guid.NewGuid():N}"[..20] };
        var containers = new BlobContainers(azurite.Client, options);
        await containers.CreateIfMissingAsync(CancellationToken.None);
        var store = new BlobCaseStore(containers);
        const string owner = "owner@contoso.test";
        var now = DateTimeOffset.UtcNow;
        var (escalated, other) = (CaseReference.NewReference(), CaseReference.NewReference());
        foreach (var reference in new[] { escalated, other })
        {
            Assert.True(await store.TryCreateAsync(new CaseRecord { Reference = reference, Owner = owner, Status = CaseStatus.Submitted, CreatedAt = now, UpdatedAt = now, SubmittedAt = now }, CancellationToken.None));
        }

        // A newer version (running beside this one during an upgrade) wrote the owner's list with a status
        // and a deadline kind this one has no name for.
        var listBlob = containers.Cases.GetBlobClient($"{OwnerLists.Folder}{CaseIndexKey.Development.Of(owner)}.json");
        var list = System.Text.Json.Nodes.JsonNode.Parse((await listBlob.DownloadContentAsync()).Value.Content.ToString())!;
        var entry = list["cases"]!.AsArray().Single(c => (string?)c!["reference"] == escalated)!;
        entry["status"] = "escalated";
        entry["runningDeadlines"] = System.Text.Json.Nodes.JsonNode.Parse("[{\"kind\":\"escalation\",\"due\":\"2026-12-01T00:00:00+00:00\",\"remindFrom\":\"2026-11-30T00:00:00+00:00\"}]");
        await listBlob.UploadAsync(BinaryData.FromString(list.ToJsonString()), overwrite: true);

        var acknowledged = await store.UpdateAsync(other, c => c with { Status = CaseStatus.Acknowledged, UpdatedAt = now.AddMinutes(1) }, CancellationToken.None);
        var listed = await store.ListAsync(new CaseFilter(Owner: owner), CancellationToken.None);

        Assert.Equal(CaseStatus.Acknowledged, acknowledged!.Status);
        Assert.Equal(CaseStatus.Acknowledged, Assert.Single(listed, c => c.Reference == other).Status);
        var fromItsCase = Assert.Single(listed, c => c.Reference == escalated);
        Assert.Equal(CaseStatus.Submitted, fromItsCase.Status);
        Assert.Empty(fromItsCase.RunningDeadlines);
    }
}
