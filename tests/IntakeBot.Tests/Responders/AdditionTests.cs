using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Responders;

public sealed class AdditionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<string> SubmitAsync(HttpChat chat)
    {
        return await chat.SubmitReportAsync();
    }

    [Fact]
    public async Task A_reporter_adds_to_their_own_report_and_it_lands_in_the_same_case_with_its_own_time_and_the_owner_is_told()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        await new HttpChat(app.CreateClient(), ownerAad, connector.ServiceUrl).SayAsync("hello");
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);

        var mine = await reporter.SayAsync("my reports");
        Assert.Contains(reference, mine[0], StringComparison.Ordinal);
        Assert.StartsWith("What would you like to add", (await reporter.SayAsync($"add to {reference.ToLowerInvariant()}"))[0], StringComparison.Ordinal);
        await reporter.SayAsync("It happened again today");
        await reporter.SayAsync("This time in the kitchen");
        var done = await reporter.SayAsync("done");

        Assert.StartsWith("Thank you. What you added is saved", done[0], StringComparison.Ordinal);
        var blobs = new CaseBlobs(azurite, app);
        var record = await blobs.CaseAsync(reference);
        Assert.Equal(["It happened again today", "This time in the kitchen"], record.Additions.Select(a => a.Text));
        Assert.All(record.Additions, a => Assert.True(a.At > record.SubmittedAt));
        Assert.Contains(await blobs.TranscriptAsync(reference), e => e.Direction == TranscriptDirection.In && e.Text == "This time in the kitchen");
        await connector.WaitForSentAsync(a => a.Value<string>("text") == $"Something was added to a report you own. Reference: {reference}", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Adding_to_your_own_closed_report_says_it_is_closed_and_keeps_nothing_of_what_follows()
    {
        var ownerAad = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Intake:DefaultOwner"] = ownerAad, ["Intake:Responders:0"] = ownerAad });
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);
        var owner = new HttpChat(app.CreateClient(), ownerAad);
        await owner.SayAsync($"acknowledge {reference}");
        await owner.SayAsync($"close {reference} confirm");
        var blobs = new CaseBlobs(azurite, app);
        await Eventually.UntilAsync(async () => (await blobs.CaseAsync(reference)).Status == CaseStatus.Closed);
        var before = await blobs.RawCaseJsonAsync(reference);

        var replies = await reporter.SayAsync($"add to {reference}");
        await reporter.SayAsync("one more thing");

        Assert.Equal($"{reference} is closed, so nothing more can be added to it. You can still read it with **view {reference}**. If it has happened again, type **again {reference}**: I'll ask only what's new, and it goes to the same person.", replies[0]);
        Assert.Equal(before, await blobs.RawCaseJsonAsync(reference));
    }

    [Theory]
    [InlineData("someone else's")]
    [InlineData("IR-NOPE")]
    [InlineData("../x")]
    [InlineData("IR-00000000")]
    public async Task Adding_to_a_case_that_is_not_yours_answers_exactly_as_for_one_that_does_not_exist(string target)
    {
        await using var app = new BotApp(azurite);
        var owner = new HttpChat(app.CreateClient());
        var theirs = await SubmitAsync(owner);
        var before = await new CaseBlobs(azurite, app).RawCaseJsonAsync(theirs);
        var stranger = new HttpChat(app.CreateClient());
        var unknown = await stranger.SayAsync("add to IR-ZZZZZZZZ");

        var replies = await stranger.SayAsync($"add to {(target == "someone else's" ? theirs : target)}");
        await stranger.SayAsync("my words should go nowhere");

        Assert.Equal(unknown, replies);
        Assert.Equal(before, await new CaseBlobs(azurite, app).RawCaseJsonAsync(theirs));
        Assert.DoesNotContain(theirs, string.Join("\n", await stranger.SayAsync("my reports")), StringComparison.Ordinal);
    }
}
