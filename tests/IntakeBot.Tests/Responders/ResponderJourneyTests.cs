using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.Responders;

/// <summary>A responder taking a report, over HTTP: "they didn't agree" to notes being kept ends the
/// record with nothing kept and says so; a note that records a promise gets the practice guide's
/// reminder, once; the review says who the taken report is with, and offers no "add to".</summary>
public sealed class ResponderJourneyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string ResponderId = Guid.NewGuid().ToString();
    private static readonly TextCatalog Text = TextCatalog.Load();

    private BotApp NewApp() => new(azurite, new Dictionary<string, string?> { ["Intake:Responders:1"] = ResponderId });

    [Theory]
    [InlineData("They didn't agree")]
    [InlineData("no they didnt agree")]
    [InlineData("she refused")]
    [InlineData("2")]
    public async Task They_did_not_agree_ends_the_record_with_nothing_kept_and_says_so(string typed)
    {
        await using var app = NewApp();
        var blobs = new CaseBlobs(azurite, app);
        var chat = new HttpChat(app.CreateClient(), ResponderId);
        await chat.SayAllAsync("take a report", "Alex Kim");

        var ended = await chat.SayAsync(typed);

        Assert.StartsWith("They didn't agree to notes being kept, so this record ends here", Assert.Single(ended), StringComparison.Ordinal);
        Assert.Contains(BotApp.FaqUrl, ended[0], StringComparison.Ordinal);
        Assert.DoesNotContain(ended, r => r.StartsWith("Note their account", StringComparison.Ordinal));
        Assert.Empty(await blobs.CaseBlobNamesAsync());
        await Eventually.UntilAsync(async () => (await blobs.StateBlobsContainingAsync("Alex Kim")).Count == 0);
        var after = await chat.SayAsync("hi");
        Assert.DoesNotContain(after, r => r.StartsWith("Noted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_note_recording_a_promise_gets_the_reminder_once_and_the_notes_are_kept()
    {
        await using var app = NewApp();
        var blobs = new CaseBlobs(azurite, app);
        var chat = new HttpChat(app.CreateClient(), ResponderId);
        await chat.SayAllAsync("take a report", "Prefers not to say", "They agreed");

        var plain = await chat.SayAsync("They said their lead shouts at them in stand-ups");
        var promised = await chat.SayAsync("She asked if it stays confidential, I said yes");
        var again = await chat.SayAsync("i told her he'll be fired for this");

        Assert.DoesNotContain(plain, r => r.Contains(Text.Format(TextKey.ResponderPromiseReminder, BotApp.FaqUrl), StringComparison.Ordinal));
        Assert.Contains(Text.Format(TextKey.ResponderPromiseReminder, BotApp.FaqUrl), Assert.Single(promised), StringComparison.Ordinal);
        Assert.DoesNotContain(again, r => r.Contains("A short reminder", StringComparison.Ordinal));
        Assert.Equal(3, (await blobs.DraftAsync()).Answers.WhatHappened.Count);
    }

    [Theory]
    [InlineData("promised nobody will know")]
    [InlineData("I told him it'll stop now")]
    public async Task A_promise_in_an_answer_after_the_notes_gets_the_reminder(string typed)
    {
        await using var app = NewApp();
        var chat = new HttpChat(app.CreateClient(), ResponderId);
        var steps = TakeReportTests.WholeTakenReport;
        await chat.SayAllAsync(steps[..^1]);

        var replies = await chat.SayAsync(typed);

        Assert.Equal(Text.Format(TextKey.ResponderPromiseReminder, BotApp.FaqUrl), replies[0]);
        Assert.StartsWith("Here are your notes", replies[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_review_of_a_taken_report_says_the_responder_owns_it_and_offers_no_add_to()
    {
        await using var app = NewApp();
        var chat = new HttpChat(app.CreateClient(), ResponderId);
        var steps = TakeReportTests.WholeTakenReport;
        await chat.SayAllAsync(steps[..^1]);

        var review = string.Join("\n", await chat.ShownAsync(steps[^1]));
        var receipt = string.Join("\n", await chat.SayAsync("submit"));

        Assert.Contains(Text[TextKey.ResponderReviewWhoReceives], review, StringComparison.Ordinal);
        Assert.DoesNotContain("**add to**", review, StringComparison.Ordinal);
        Assert.DoesNotContain("goes to", review, StringComparison.Ordinal);
        Assert.Contains("you're its owner", receipt, StringComparison.Ordinal);
        Assert.Contains("can't follow it up or add to it here", receipt, StringComparison.Ordinal);
    }
}
