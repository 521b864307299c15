using Azure.Storage.Blobs;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Storage;

public sealed class BlobStateStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private BlobContainerClient? _container;

    private async Task<BlobStateStorage> NewStorageAsync()
    {
        _container = azurite.Client.GetBlobContainerClient($"state-{Guid.NewGuid():N}"[..30]);
        await _container.CreateAsync();
        return new BlobStateStorage(_container);
    }

    private static ITurnContext Turn(string conversationId)
        => new TurnContext(new TestAdapter(Microsoft.Bot.Connector.Channels.Msteams), new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = "msteams",
            Conversation = new ConversationAccount(id: conversationId),
            From = new ChannelAccount("29:user"),
            Recipient = new ChannelAccount("28:bot"),
        });

    private sealed record Progress
    {
        public long Step { get; set; }

        public List<string> Answers { get; set; } = [];
    }

    [Fact]
    public async Task State_is_stored_as_plain_json_and_read_back_typed()
    {
        var storage = await NewStorageAsync();
        var first = new ConversationState(storage);
        var turn = Turn("a:1");
        var progress = first.CreateProperty<Progress>("progress");
        await progress.SetAsync(turn, new Progress { Step = 3, Answers = ["yesterday"] });
        await first.SaveChangesAsync(turn);

        var blob = Assert.Single(await _container!.GetBlobsAsync().ToListAsync());
        var raw = (await _container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
        Assert.DoesNotContain("$type", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("a:1", blob.Name, StringComparison.Ordinal);
        Assert.Equal(3, JObject.Parse(raw)["progress"]!["Step"]!.Value<long>());
        var again = new ConversationState(storage);
        var read = await again.CreateProperty<Progress>("progress").GetAsync(Turn("a:1"), () => new Progress());
        Assert.Equal(3, read.Step);
        Assert.Equal(["yesterday"], read.Answers);
    }

    [Fact]
    public async Task Of_two_turns_that_read_the_same_state_the_second_to_save_fails_and_the_first_ones_answer_is_kept()
    {
        var storage = await NewStorageAsync();
        var setup = new ConversationState(storage);
        var setupTurn = Turn("a:2");
        await setup.CreateProperty<Progress>("progress").SetAsync(setupTurn, new Progress { Step = 1 });
        await setup.SaveChangesAsync(setupTurn);

        var (stateA, turnA) = (new ConversationState(storage), Turn("a:2"));
        var (stateB, turnB) = (new ConversationState(storage), Turn("a:2"));
        var a = await stateA.CreateProperty<Progress>("progress").GetAsync(turnA, () => new Progress());
        var b = await stateB.CreateProperty<Progress>("progress").GetAsync(turnB, () => new Progress());
        await stateA.CreateProperty<Progress>("progress").SetAsync(turnA, a with { Step = 2, Answers = ["from A"] });
        await stateB.CreateProperty<Progress>("progress").SetAsync(turnB, b with { Step = 2, Answers = ["from B"] });

        await stateA.SaveChangesAsync(turnA);
        await Assert.ThrowsAsync<StateConflictException>(() => stateB.SaveChangesAsync(turnB));

        var kept = await new ConversationState(storage).CreateProperty<Progress>("progress").GetAsync(Turn("a:2"), () => new Progress());
        Assert.Equal(["from A"], kept.Answers);
    }

    [Fact]
    public async Task Two_turns_that_both_start_a_conversation_cannot_both_create_its_state()
    {
        var storage = await NewStorageAsync();
        var (stateA, turnA) = (new ConversationState(storage), Turn("a:3"));
        var (stateB, turnB) = (new ConversationState(storage), Turn("a:3"));
        await stateA.CreateProperty<Progress>("progress").SetAsync(turnA, new Progress { Answers = ["A"] });
        await stateB.CreateProperty<Progress>("progress").SetAsync(turnB, new Progress { Answers = ["B"] });

        await stateA.SaveChangesAsync(turnA);
        await Assert.ThrowsAsync<StateConflictException>(() => stateB.SaveChangesAsync(turnB));
    }

    [Fact]
    public async Task A_turn_that_saves_twice_does_not_conflict_with_itself()
    {
        var storage = await NewStorageAsync();
        var state = new ConversationState(storage);
        var turn = Turn("a:4");
        var progress = state.CreateProperty<Progress>("progress");
        await progress.SetAsync(turn, new Progress { Step = 1 });
        await state.SaveChangesAsync(turn);
        await progress.SetAsync(turn, new Progress { Step = 2 });
        await state.SaveChangesAsync(turn);

        var read = await new ConversationState(storage).CreateProperty<Progress>("progress").GetAsync(Turn("a:4"), () => new Progress());
        Assert.Equal(2, read.Step);
    }

    [Fact]
    public async Task Deleting_state_removes_its_blob_and_reading_a_missing_key_returns_nothing()
    {
        var storage = await NewStorageAsync();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Dictionary<string, object> { ["x"] = 1 } });

        await storage.DeleteAsync(["k"]);

        Assert.Empty(await storage.ReadAsync(["k", "never-written"]));
    }
}
