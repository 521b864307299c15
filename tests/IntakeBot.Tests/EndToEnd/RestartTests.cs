using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.EndToEnd;

[LongRunning]
public sealed class RestartTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Conversations stopped at other points of the intake, killed together with the one whose
    /// account is split by the kill: one restart tests every point (a start and its first turn cost about
    /// 1.7 s of CPU; the test used to restart once a point). In each, what is said before the kill, then
    /// what is said to the new process, and the step that new process asks next.</summary>
    private static readonly (string[] Before, string After, string Next)[] Points =
    [
        (["report", "Part one of my account", "done", "skip"], "It happened to me", "When did it happen?"),
        (["report", "Part one of my account", "done", "skip", "It happened to me", "Last month"], "No", "Are you safe right now?"),
        (["report", "Part one of my account", "done", "skip", "It happened to me", "Last month", "No"], "Yes", "Where did it happen"),
        ([.. Intake.UpToReview()], "submit", "Thank you for telling me. Your report is submitted"),
    ];

    [Fact]
    public async Task Killing_the_bot_mid_intake_and_starting_it_again_continues_at_the_next_step_with_every_answer_kept()
    {
        await using var bot = new BotProcess(azurite);
        await bot.StartAsync();
        using var client = bot.Client();
        var first = new HttpChat(client);
        var chats = Points.Select(_ => new HttpChat(client)).ToArray();
        await Task.WhenAll([first.SayAllAsync("report", "Part one of my account"), .. chats.Select((chat, i) => chat.SayAllAsync(Points[i].Before))]);

        await bot.KillAsync();
        await bot.StartAsync();

        var next = await Task.WhenAll(chats.Select((chat, i) => chat.SayAsync(Points[i].After)));
        for (var i = 0; i < Points.Length; i++)
        {
            Assert.True(next[i].Any(r => r.StartsWith(Points[i].Next, StringComparison.Ordinal)), $"After the restart, \"{Points[i].After}\" got: {string.Join(" | ", next[i])}");
        }

        // The first conversation's account has both parts, one said before the kill and one after.
        await first.SayAsync("Part two of my account");
        Assert.StartsWith("Is there anything else about what was said or done", (await first.SayAsync("done"))[^1], StringComparison.Ordinal);
        var reference = await first.SubmitReportAsync("skip", "It happened to me", "Last month", "No", "Yes", "Online", "skip", "A colleague", "skip", "skip", "skip", "skip", "Teams is fine", "skip");
        var blobs = new CaseBlobs(azurite, bot.CasesContainer, bot.StateContainer);
        var record = await blobs.CaseAsync(reference);
        Assert.Equal(["Part one of my account", "Part two of my account"], record.Answers.WhatHappened);
        Assert.Equal("Last month", record.Answers.When);
        Assert.Equal(IntakeBot.Cases.Answers.YesNoAnswer.No, record.Answers.StillHappening);
        Assert.Equal("A colleague", record.Answers.WhoWasInvolved);
        Assert.Equal("Teams is fine", record.Answers.Contact);
        Assert.Equal(CaseStatus.Submitted, record.Status);

        // The last one was at its review when killed: the new process submits every answer it gave.
        var submitted = await blobs.CaseAsync(Receipt.ReferenceIn(string.Join("\n", next[^1])));
        Assert.Equal(CaseStatus.Submitted, submitted.Status);
        Assert.Equal(["He shouted at me in the stand-up meeting", "It happened again the next day"], submitted.Answers.WhatHappened);
        Assert.Equal("Last Tuesday morning", submitted.Answers.When);
        Assert.Equal("Afternoons are best", submitted.Answers.SafeTimes);
    }
}
