using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.EndToEnd;

[LongRunning]
public sealed class RestartTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Killing_the_bot_mid_intake_and_starting_it_again_continues_at_the_next_step_with_every_answer_kept()
    {
        await using var bot = new BotProcess(azurite);
        await bot.StartAsync();
        using var client = bot.Client();
        var chat = new HttpChat(client);

        await chat.SayAllAsync("report", "Part one of my account");
        await RestartAsync(bot);
        await chat.SayAsync("Part two of my account");
        Assert.StartsWith("Is there anything else about what was said or done", (await chat.SayAsync("done"))[^1], StringComparison.Ordinal);
        await chat.SayAsync("skip");
        await RestartAsync(bot);
        Assert.StartsWith("When did it happen?", (await chat.SayAsync("It happened to me"))[^1], StringComparison.Ordinal);

        await chat.SayAsync("Last month");
        await RestartAsync(bot);
        Assert.StartsWith("Are you safe right now?", (await chat.SayAsync("No"))[^1], StringComparison.Ordinal);
        await RestartAsync(bot);
        Assert.StartsWith("Where did it happen", (await chat.SayAsync("Yes"))[^1], StringComparison.Ordinal);

        await chat.SayAllAsync("Online", "skip", "A colleague", "skip", "skip", "skip", "skip", "Teams is fine");
        Assert.StartsWith("Here is your report", (await chat.SayAsync("skip"))[^1], StringComparison.Ordinal);
        await RestartAsync(bot);
        var receipt = string.Join("\n", await chat.SayAsync("submit"));

        var reference = Receipt.ReferenceIn(receipt);
        Assert.NotEmpty(reference);
        var container = azurite.Client.GetBlobContainerClient(bot.CasesContainer);
        var record = (await container.GetBlobClient($"{reference}/case.json").DownloadContentAsync()).Value.Content.ToObjectFromJson<IntakeBot.Cases.CaseRecord>(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Equal(["Part one of my account", "Part two of my account"], record.Answers.WhatHappened);
        Assert.Equal("Last month", record.Answers.When);
        Assert.Equal(IntakeBot.Cases.Answers.YesNoAnswer.No, record.Answers.StillHappening);
        Assert.Equal("A colleague", record.Answers.WhoWasInvolved);
        Assert.Equal("Teams is fine", record.Answers.Contact);
        Assert.Equal(CaseStatus.Submitted, record.Status);
    }

    private static async Task RestartAsync(BotProcess bot)
    {
        await bot.KillAsync();
        await bot.StartAsync();
    }
}
