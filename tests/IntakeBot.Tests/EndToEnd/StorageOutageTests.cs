using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.EndToEnd;

[LongRunning]
public sealed class StorageOutageTests(PersistentAzuriteFixture azurite) : IClassFixture<PersistentAzuriteFixture>
{
    [Fact]
    public async Task When_storage_goes_away_mid_intake_the_person_is_told_it_is_not_known_yet_whether_their_message_was_saved_and_when_it_is_back_the_intake_goes_on()
    {
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Storage:MaxRetries"] = "1", ["Storage:RetryDelayMilliseconds"] = "100" });
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "What happened, part one", "done", "skip", "It happened to me");

        await azurite.StopAsync();
        var during = await chat.SayAsync("Last Monday");
        await azurite.StartAsync();
        var after = await chat.SayAsync("Last Monday");

        // Another delivery of the same message may have kept it before storage went: only "not known yet" is true.
        Assert.Contains("can't tell yet whether your last message was saved", Assert.Single(during), StringComparison.Ordinal);
        Assert.StartsWith("Is it still going on?", after[^1], StringComparison.Ordinal);
        var record = await new CaseBlobs(azurite, app).DraftAsync();
        Assert.Equal(["What happened, part one"], record.Answers.WhatHappened);
        Assert.Equal("Last Monday", record.Answers.When);
    }
}
