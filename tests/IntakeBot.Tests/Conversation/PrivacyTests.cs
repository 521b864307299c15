using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Conversation;

public sealed class PrivacyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Canary = "CANARY-91b2e4-otter-lantern";

    [Fact]
    public async Task Nothing_a_reporter_says_reaches_the_log_at_any_level()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient());

        await chat.SayAllAsync(Intake.UpToReview(Canary));
        await chat.SayAsync("edit");
        await chat.SayAsync("Who was involved");
        await chat.SayAsync($"Someone else {Canary}");
        await chat.SayAsync("pause");
        await chat.SayAsync($"back again {Canary}");
        await chat.SayAsync(new string('c', 25_000) + Canary);
        var receipt = string.Join("\n", await chat.SayAsync("submit"));

        Assert.Matches(Receipt.Pattern(), receipt);
        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(Canary, StringComparison.Ordinal));
        var record = await new CaseBlobs(azurite, app).RawCaseJsonAsync(Receipt.ReferenceIn(receipt));
        Assert.Contains(Canary, record, StringComparison.Ordinal);
    }
}
