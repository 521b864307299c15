using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>What <see cref="CommitThenApplyTests"/> assert, played once for the class: one bot process
/// (a real one, on Azurite, with a test connector) is killed right after the commits of two turns at once,
/// a submit in one conversation and an addition in another, then started again, and both conversations
/// say their next message. One kill for both turns: each process start costs about 1.7 s of CPU, and the
/// tests used to start three each.</summary>
public sealed class KilledAfterCommitRun : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly AzuriteFixture _azurite = new();
    private ConnectorStub _connector = null!;
    private BotProcess _bot = null!;

    internal CaseBlobs Blobs { get; private set; } = null!;

    /// <summary>The reporter who said <c>submit</c> when the process was killed.</summary>
    internal HttpChat Submitter { get; private set; } = null!;

    /// <summary>The reporter who was adding to <see cref="AddedTo"/> when the process was killed.</summary>
    internal HttpChat Adder { get; private set; } = null!;

    public string AddedTo { get; private set; } = string.Empty;

    /// <summary>Every blob name in the cases container right after the kill.</summary>
    public IReadOnlyList<string> CaseBlobsAfterKill { get; private set; } = [];

    /// <summary>Every blob name in the cases container before the turns that were killed: the adder's case.</summary>
    public IReadOnlyList<string> CaseBlobsBeforeKill { get; private set; } = [];

    public int OutboxAfterKill { get; private set; }

    public IReadOnlyList<string> AdditionsAfterKill { get; private set; } = [];

    /// <summary>The adder's reply to <c>done</c>, the first message the restarted process heard from them.</summary>
    public IReadOnlyList<string> DoneReply { get; private set; } = [];

    /// <summary>The additions of <see cref="AddedTo"/> once the adder's <c>done</c> was answered.</summary>
    public IReadOnlyList<string> AdditionsAfterDone { get; private set; } = [];

    /// <summary>What the connector delivered to the owner, once the outbox was empty.</summary>
    public IReadOnlyList<string> Notifications { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _connector = await ConnectorStub.StartAsync();
        _bot = OutboxTests.Bot(_azurite);
        await _bot.StartAsync();
        using var client = _bot.Client();
        var ownerAad = Guid.NewGuid().ToString();
        _connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        await new HttpChat(client, ownerAad, _connector.ServiceUrl).SayAsync("hello");
        Blobs = new CaseBlobs(_azurite, _bot.CasesContainer, _bot.StateContainer);

        Adder = new HttpChat(client);
        AddedTo = await Adder.SubmitReportAsync();
        await _connector.WaitForSentAsync(_ => true, Patience);
        await UntilAsync(async () => (await Blobs.OutboxAsync()).Count == 0);
        await Adder.SayAllAsync($"add to {AddedTo}", "It happened again today");
        Submitter = new HttpChat(client);
        await Submitter.SayAllAsync(Intake.UpToReview());
        CaseBlobsBeforeKill = await Blobs.CaseBlobNamesAsync();

        await CommitThenApplyTests.KilledRightAfterCommitAsync(_bot, (Submitter, "submit"), (Adder, "This time in the kitchen"));
        CaseBlobsAfterKill = await Blobs.CaseBlobNamesAsync();
        OutboxAfterKill = (await Blobs.OutboxAsync()).Count;
        AdditionsAfterKill = [.. (await Blobs.CaseAsync(AddedTo)).Additions.Select(a => a.Text)];

        await _bot.StartAsync();
        using var restarted = _bot.Client();
        var submitterAgain = new HttpChat(restarted, Submitter.AadObjectId, conversationId: Submitter.ConversationId);
        var adderAgain = new HttpChat(restarted, Adder.AadObjectId, conversationId: Adder.ConversationId);
        var replies = await Task.WhenAll(submitterAgain.SayAsync("my reports"), adderAgain.SayAsync("done"));
        DoneReply = replies[1];

        // Both turns heal what the killed process committed, at once, and one healer runs at a time: the
        // second waits for the first instead of leaving its work to the background pass, minutes later.
        AdditionsAfterDone = [.. (await Blobs.CaseAsync(AddedTo)).Additions.Select(a => a.Text)];

        await _connector.WaitForSentAsync(a => a.Value<string>("text")?.StartsWith("A new report", StringComparison.Ordinal) == true && !a.Value<string>("text")!.Contains(AddedTo, StringComparison.Ordinal), Patience);
        await _connector.WaitForSentAsync(a => a.Value<string>("text") == $"Something was added to a report you own. Reference: {AddedTo}", Patience);
        await UntilAsync(async () => (await Blobs.OutboxAsync()).Count == 0);
        Notifications = [.. _connector.Sent.Select(s => s.Activity.Value<string>("text") ?? string.Empty)];
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
