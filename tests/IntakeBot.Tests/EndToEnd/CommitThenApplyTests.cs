using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>Decide, commit, apply: a bot process killed (SIGKILL) right after a turn's commit, before
/// anything outside the state blob is written, is healed by the next process and the conversation's
/// next message, and what the turn decided happens exactly once. The real process on Azurite, with
/// a test-only setting that stops every turn right after its commit.</summary>
[LongRunning]
public sealed class CommitThenApplyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_kill_between_a_submits_commit_and_what_follows_ends_with_one_case_one_transcript_and_one_notification()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var bot = OutboxTests.Bot(azurite);
        await bot.StartAsync();
        using var client = bot.Client();
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        await new HttpChat(client, ownerAad, connector.ServiceUrl).SayAsync("hello");
        var reporter = new HttpChat(client);
        await reporter.SayAllAsync(Intake.UpToReview());
        var blobs = new CaseBlobs(azurite, bot.CasesContainer, bot.StateContainer);

        await KilledRightAfterCommitAsync(bot, reporter, "submit");

        Assert.Empty(await blobs.CaseBlobNamesAsync());
        Assert.Single(await blobs.OutboxAsync());
        await bot.StartAsync();
        using var restarted = bot.Client();
        await new HttpChat(restarted, reporter.AadObjectId, conversationId: reporter.ConversationId).SayAsync("my reports");

        var (_, notification) = await connector.WaitForSentAsync(_ => true, Patience);
        await UntilAsync(async () => (await blobs.OutboxAsync()).Count == 0);
        var reference = await blobs.OnlyCaseReferenceAsync();
        Assert.Equal($"A new report has been submitted to you. Reference: {reference}", notification.Value<string>("text"));
        Assert.Single(connector.Sent);
        Assert.Equal(CaseStatus.Submitted, (await blobs.CaseAsync(reference)).Status);
        var transcript = await blobs.TranscriptAsync(reference);
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "submit");
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "report");
    }

    [Fact]
    public async Task A_kill_between_an_additions_commit_and_its_write_adds_it_once_and_the_owner_is_told_once()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var bot = OutboxTests.Bot(azurite);
        await bot.StartAsync();
        using var client = bot.Client();
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        await new HttpChat(client, ownerAad, connector.ServiceUrl).SayAsync("hello");
        var reporter = new HttpChat(client);
        var reference = await reporter.SubmitReportAsync();
        await connector.WaitForSentAsync(_ => true, Patience);
        await reporter.SayAllAsync($"add to {reference}", "It happened again today");
        var blobs = new CaseBlobs(azurite, bot.CasesContainer, bot.StateContainer);

        await KilledRightAfterCommitAsync(bot, reporter, "This time in the kitchen");
        Assert.Equal(["It happened again today"], (await blobs.CaseAsync(reference)).Additions.Select(a => a.Text));
        await bot.StartAsync();
        using var restarted = bot.Client();
        var done = await new HttpChat(restarted, reporter.AadObjectId, conversationId: reporter.ConversationId).SayAsync("done");

        Assert.StartsWith("Thank you. What you added is saved", done[0], StringComparison.Ordinal);
        Assert.Equal(["It happened again today", "This time in the kitchen"], (await blobs.CaseAsync(reference)).Additions.Select(a => a.Text));
        await connector.WaitForSentAsync(a => a.Value<string>("text") == $"Something was added to a report you own. Reference: {reference}", Patience);
        await UntilAsync(async () => (await blobs.OutboxAsync()).Count == 0);
        Assert.Equal(2, connector.Sent.Count);
    }

    /// <summary>Restarts the bot so that every turn stops right after its commit (and neither its outbox
    /// nor committed work is looked for meanwhile), sends <paramref name="said"/>, and kills the process
    /// there; it is left stopped.</summary>
    internal static async Task KilledRightAfterCommitAsync(BotProcess bot, HttpChat chat, string said)
    {
        await bot.KillAsync();
        var scan = bot.Environment["Notifications__ScanIntervalMilliseconds"];
        var healing = bot.Environment.TryGetValue("Healing__ScanIntervalMilliseconds", out var heal) ? heal : null;
        bot.Environment["Notifications__ScanIntervalMilliseconds"] = "3600000";
        bot.Environment["Healing__ScanIntervalMilliseconds"] = "3600000";
        bot.Environment["Diagnostics__HoldAfterCommit"] = "true";
        await bot.StartAsync();
        using (var held = bot.Client())
        {
            var turn = new HttpChat(held, chat.AadObjectId, conversationId: chat.ConversationId).SayAsync(said);
            await UntilAsync(() => Task.FromResult(bot.Output.Any(l => l.Contains("committed and is held there", StringComparison.Ordinal))));
            await bot.KillAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => turn);
        }

        bot.Environment.Remove("Diagnostics__HoldAfterCommit");
        bot.Environment["Notifications__ScanIntervalMilliseconds"] = scan;
        if (healing is null)
        {
            bot.Environment.Remove("Healing__ScanIntervalMilliseconds");
        }
        else
        {
            bot.Environment["Healing__ScanIntervalMilliseconds"] = healing;
        }
    }
}
