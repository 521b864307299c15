using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Retention;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace IntakeBot.Tests.Retention;

public sealed class DraftRetentionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Canary = "canary-d41c what I typed in the draft";

    private GraphServer _graph = null!;

    public async Task InitializeAsync() => _graph = await GraphServer.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private static string StateKey(string conversationId) => $"msteams/conversations/{conversationId}";

    private static ITurnContext Turn(string conversationId)
        => new TurnContext(new TestAdapter(Microsoft.Bot.Connector.Channels.Msteams), new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = "msteams",
            Conversation = new ConversationAccount(id: conversationId),
            From = new ChannelAccount("29:user"),
            Recipient = new ChannelAccount("28:bot"),
        });

    private async Task<RetentionRig> RigAsync()
    {
        var rig = new RetentionRig(azurite, _graph);
        await rig.CreateContainersAsync();
        return rig;
    }

    private static BlobStateStorage Storage(RetentionRig rig) => new(rig.Containers.State, new DraftStateTags(RetentionRig.Periods, rig.Time).TagsOf);

    /// <summary>One turn of the intake as the bot saves it: the draft beside the dialog stack.</summary>
    private static async Task SaveDraftAsync(IStorage storage, string conversationId, IntakeDraft draft)
    {
        var state = new ConversationState(storage);
        var turn = Turn(conversationId);
        await state.LoadAsync(turn);
        await state.CreateProperty<IntakeDraft>("intakeDraft").SetAsync(turn, draft);
        await state.SaveChangesAsync(turn);
    }

    [Fact]
    public async Task State_blob_with_a_draft_is_classified_and_tagged_with_its_expiry_and_the_tag_goes_with_the_draft()
    {
        var rig = await RigAsync();
        var storage = Storage(rig);
        var reference = CaseReference.NewReference();
        var blob = rig.Containers.State.GetBlobClient(BlobStateStorage.BlobNameOf(StateKey("a:tags")));

        await SaveDraftAsync(storage, "a:tags", new IntakeDraft { CaseReference = reference, Answers = new IntakeAnswers { WhatHappened = [Canary] } });
        var withDraft = (await blob.GetTagsAsync()).Value.Tags;
        var metadata = (await blob.GetPropertiesAsync()).Value.Metadata;
        await SaveDraftAsync(storage, "a:tags", new IntakeDraft());
        var withoutDraft = (await blob.GetTagsAsync()).Value.Tags;

        Assert.Equal(Classification.HighlyConfidential, metadata["classification"]);
        Assert.Equal(RetentionTags.Format(rig.Time.Now + TimeSpan.FromDays(30)), withDraft[RetentionTags.DraftExpiresOn]);
        Assert.Equal(reference, withDraft[RetentionTags.DraftReference]);
        Assert.Empty(withoutDraft);
    }

    [Fact]
    public async Task Abandoned_draft_is_deleted_with_its_evidence_and_no_blob_keeps_what_was_typed()
    {
        var rig = await RigAsync();
        var storage = Storage(rig);
        var reference = CaseReference.NewReference();
        await SaveDraftAsync(storage, "a:abandoned", new IntakeDraft { CaseReference = reference, Answers = new IntakeAnswers { WhatHappened = [Canary] } });
        await rig.Containers.Cases.GetBlobClient($"{reference}/evidence/001-note.txt").UploadAsync(BinaryData.FromString(Canary));
        await SaveDraftAsync(storage, "a:finished", new IntakeDraft());

        rig.Time.Advance(TimeSpan.FromDays(29));
        var early = await rig.Sweep.RunOnceAsync(CancellationToken.None);
        await SaveDraftAsync(storage, "a:returning", new IntakeDraft { Answers = new IntakeAnswers { WhatHappened = ["still working on it"] } });
        rig.Time.Advance(TimeSpan.FromDays(2));
        var due = await rig.Sweep.RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, early.DraftsDeleted);
        Assert.Equal(1, due.DraftsDeleted);
        Assert.Empty(await rig.BlobsContainingAsync(Canary));
        Assert.Empty(await rig.AllBlobNamesAsync(reference));
        var states = await rig.AllBlobNamesAsync();
        Assert.Contains($"{rig.Containers.State.Name}/{BlobStateStorage.BlobNameOf(StateKey("a:returning"))}", states);
        Assert.Contains($"{rig.Containers.State.Name}/{BlobStateStorage.BlobNameOf(StateKey("a:finished"))}", states);
        Assert.DoesNotContain($"{rig.Containers.State.Name}/{BlobStateStorage.BlobNameOf(StateKey("a:abandoned"))}", states);
        var tombstone = Assert.Single(await rig.AllTombstonesAsync());
        Assert.Equal((reference, DeletedBy.Sweeper), (tombstone.Reference, tombstone.By));
    }

    [Fact]
    public async Task Discard_deletes_the_drafts_case_blobs_and_keeps_a_content_free_tombstone()
    {
        var rig = await RigAsync();
        var storage = Storage(rig);
        var reference = CaseReference.NewReference();
        var now = rig.Time.Now;
        await rig.Store.TryCreateAsync(new CaseRecord { Reference = reference, Owner = RetentionRig.OwnerId, CreatedAt = now, UpdatedAt = now, Answers = new IntakeAnswers { WhatHappened = [Canary] } }, CancellationToken.None);
        await rig.Store.AppendTranscriptAsync(reference, [new TranscriptEntry(now, TranscriptDirection.In, "message", "a1", "reporter", Canary, null)], CancellationToken.None);
        await rig.Containers.Cases.GetBlobClient($"{reference}/evidence/001-note.txt").UploadAsync(BinaryData.FromString(Canary));
        await SaveDraftAsync(storage, "a:discard", new IntakeDraft { CaseReference = reference, Answers = new IntakeAnswers { WhatHappened = [Canary] } });

        // The discard turn saves the state without the draft, then purges.
        await SaveDraftAsync(storage, "a:discard", new IntakeDraft());
        await rig.DraftPurge.DiscardAsync(BlobStateStorage.BlobNameOf(StateKey("a:discard")), reference, CancellationToken.None);

        Assert.Empty(await rig.BlobsContainingAsync(Canary));
        Assert.Empty(await rig.AllBlobNamesAsync(reference));
        Assert.Single(await rig.AllBlobNamesAsync(BlobStateStorage.BlobNameOf(StateKey("a:discard"))));
        var tombstone = Assert.Single(await rig.AllTombstonesAsync());
        Assert.Equal((reference, DeletedBy.ReporterDiscard, 3), (tombstone.Reference, tombstone.By, tombstone.Blobs));
    }
}
