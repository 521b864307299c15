using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>Decide, commit, apply: a bot process killed (SIGKILL) right after a turn's commit, before
/// anything outside the state blob is written, is healed by the next process and the conversation's
/// next message, and what the turn decided happens exactly once. The real process on Azurite, with
/// a test-only setting that stops every turn right after its commit; both tests read one run
/// (<see cref="KilledAfterCommitRun"/>) in which a submit and an addition are killed together.</summary>
[LongRunning]
public sealed class CommitThenApplyTests(KilledAfterCommitRun run) : IClassFixture<KilledAfterCommitRun>
{
    [Fact]
    public async Task A_kill_between_a_submits_commit_and_what_follows_ends_with_one_case_one_transcript_and_one_notification()
    {
        // Killed after the commit: no blob of the case yet (the other reporter's case is all the container
        // holds), and the owner's notification waits in the outbox.
        Assert.Equal(run.CaseBlobsBeforeKill.Order(StringComparer.Ordinal), run.CaseBlobsAfterKill.Order(StringComparer.Ordinal));
        Assert.Equal(1, run.OutboxAfterKill);

        // After the restart and the reporter's next message: one case, one transcript, one notification.
        var reference = Assert.Single((await run.Blobs.CaseBlobNamesAsync()).Select(n => n.Split('/')[0]).Distinct(), r => r != run.AddedTo);
        Assert.Equal([$"A new report has been submitted to you. Reference: {reference}"], run.Notifications.Where(n => n.Contains(reference, StringComparison.Ordinal)));
        Assert.All(run.Notifications, n => Assert.True(n.Contains(reference, StringComparison.Ordinal) || n.Contains(run.AddedTo, StringComparison.Ordinal), $"A notification of neither case: {n}"));
        Assert.Equal(CaseStatus.Submitted, (await run.Blobs.CaseAsync(reference)).Status);
        var transcript = await run.Blobs.TranscriptAsync(reference);
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "submit");
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "report");
    }

    [Fact]
    public async Task A_kill_between_an_additions_commit_and_its_write_adds_it_once_and_the_owner_is_told_once()
    {
        Assert.Equal(["It happened again today"], run.AdditionsAfterKill);

        Assert.StartsWith("Thank you. What you added is saved", run.DoneReply[0], StringComparison.Ordinal);
        Assert.Equal(["It happened again today", "This time in the kitchen"], run.AdditionsAfterDone);
        Assert.Equal(["It happened again today", "This time in the kitchen"], (await run.Blobs.CaseAsync(run.AddedTo)).Additions.Select(a => a.Text));

        // Told when the case was submitted, and once of the addition.
        Assert.Equal(
            [$"A new report has been submitted to you. Reference: {run.AddedTo}", $"Something was added to a report you own. Reference: {run.AddedTo}"],
            run.Notifications.Where(n => n.Contains(run.AddedTo, StringComparison.Ordinal)));
    }

    /// <summary>Restarts the bot so that every turn stops right after its commit (and neither its outbox
    /// nor committed work is looked for meanwhile), sends <paramref name="said"/>, and kills the process
    /// there; it is left stopped.</summary>
    internal static Task KilledRightAfterCommitAsync(BotProcess bot, HttpChat chat, string said) => KilledRightAfterCommitAsync(bot, (chat, said));

    /// <summary>As above, for several conversations at once: each says its line, and the process is killed
    /// once every one of those turns is held after its commit.</summary>
    internal static async Task KilledRightAfterCommitAsync(BotProcess bot, params (HttpChat Chat, string Said)[] turns)
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
            var heldBefore = bot.Output.Count(l => l.Contains("committed and is held there", StringComparison.Ordinal));
            var sent = turns.Select(t => new HttpChat(held, t.Chat.AadObjectId, conversationId: t.Chat.ConversationId).SayAsync(t.Said)).ToList();
            await UntilAsync(() => Task.FromResult(bot.Output.Count(l => l.Contains("committed and is held there", StringComparison.Ordinal)) - heldBefore == turns.Length));
            await bot.KillAsync();
            foreach (var turn in sent)
            {
                await Assert.ThrowsAnyAsync<Exception>(() => turn);
            }
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
