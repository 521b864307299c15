using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.Listening;

/// <summary>What a person types at the review that is none of its choices is listened to over HTTP:
/// their words are kept in the case (with the account, or where they clearly belong, such as when it is
/// safe to contact them), they are told where, and the review is shown again as it now stands; a
/// question is still answered as a question, danger still gets help first, "can u repeat" shows the
/// review again and "wait I got the date wrong" asks which part to change.</summary>
public sealed class ReviewListeningTests(BotAppFixture app) : IClassFixture<BotAppFixture>
{
    private static readonly TextCatalog Text = TextCatalog.Load();
    private readonly HttpClient _client = app.Client;
    private readonly CaseBlobs _blobs = app.Blobs;

    /// <summary>The whole intake with the safe-times question skipped.</summary>
    private static string[] UpToReviewWithoutSafeTimes() => [.. Intake.UpToReview()[..^1], "skip"];

    [Theory]
    [InlineData("oh and he also took my phone")]
    [InlineData("forgot to say he deleted my msgs from the team chat aftr")]
    public async Task More_of_what_happened_typed_at_the_review_is_kept_in_the_account_and_the_review_shows_it(string said)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview());

        var replies = await chat.ShownAsync(said);

        Assert.Equal(Text[TextKey.ListenKeptInAccount], replies[0]);
        Assert.Contains(said, replies[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(replies, r => r.Contains(Text[TextKey.ReviewPickAction], StringComparison.Ordinal));
        var reference = Receipt.ReferenceIn(string.Join("\n", await chat.SayAsync("submit")));
        Assert.Equal(said, (await _blobs.CaseAsync(reference)).Answers.WhatHappened[^1]);
    }

    [Theory]
    [InlineData("Afternoons are best")]
    [InlineData("pls only call after 5")]
    [InlineData("mornings work better for me, not by phone")]
    public async Task A_wish_about_when_to_be_contacted_typed_at_the_review_goes_to_safe_times(string said)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpToReviewWithoutSafeTimes());

        var replies = await chat.ShownAsync(said);

        Assert.Equal(Text.Format(TextKey.ReviewKeptInPart, Text[TextKey.TitleSafeTimes]), replies[0]);
        Assert.Contains(said, replies[^1], StringComparison.Ordinal);
        var draft = await _blobs.DraftAsync(chat.ConversationId);
        Assert.Equal(said, draft.Answers.SafeTimes);
        Assert.Equal(["He shouted at me in the stand-up meeting", "It happened again the next day"], draft.Answers.WhatHappened);
    }

    [Fact]
    public async Task A_time_in_what_someone_else_does_is_the_account_not_a_contact_wish()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpToReviewWithoutSafeTimes());

        var replies = await chat.SayAsync("he only works afternoons, thats when it happens");

        Assert.Equal(Text[TextKey.ListenKeptInAccount], replies[0]);
        var draft = await _blobs.DraftAsync(chat.ConversationId);
        Assert.Null(draft.Answers.SafeTimes);
        Assert.Equal("he only works afternoons, thats when it happens", draft.Answers.WhatHappened[^1]);
    }

    [Fact]
    public async Task A_question_at_the_review_is_still_answered_and_not_kept()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview());

        var answered = await chat.SayAsync("wait who will see this??");

        Assert.Contains("the person responsible for conduct reports can read your report", answered[0], StringComparison.Ordinal);
        var draft = await _blobs.DraftAsync(chat.ConversationId);
        Assert.Equal("wait who will see this??", draft.HeldQuestion);
        Assert.Equal(2, draft.Answers.WhatHappened.Count);
    }

    [Fact]
    public async Task Danger_at_the_review_gets_help_first_is_kept_and_the_review_is_shown_again()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview());

        var replies = await chat.ShownAsync("hes outside now waiting for me");

        Assert.Contains(BotApp.UrgentHelp, replies[0], StringComparison.Ordinal);
        Assert.Contains(Text[TextKey.ListenKeptInAccount], replies);
        Assert.Contains("hes outside now waiting for me", replies[^1], StringComparison.Ordinal);
        var draft = await _blobs.DraftAsync(chat.ConversationId);
        Assert.Equal("hes outside now waiting for me", draft.Answers.WhatHappened[^1]);
        Assert.True(draft.SafetyConcern);
    }

    [Theory]
    [InlineData("can u repeat")]
    [InlineData("sorry what?")]
    public async Task Asking_to_hear_it_again_at_the_review_shows_the_review_again_and_keeps_nothing(string said)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview());

        var replies = await chat.SayAsync(said);

        Assert.Equal([Text[TextKey.ReviewCardText]], replies);
        Assert.Equal(2, (await _blobs.DraftAsync(chat.ConversationId)).Answers.WhatHappened.Count);
    }

    [Fact]
    public async Task Saying_an_answer_was_wrong_at_the_review_asks_which_part_to_change()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview());

        var replies = await chat.ShownAsync("wait I got the date wrong");
        var when = await chat.SayAsync("when");

        Assert.Contains(Text[TextKey.AskWhichSection], replies[0], StringComparison.Ordinal);
        Assert.Equal([Text.Format(TextKey.CurrentAnswer, "Last Tuesday morning"), Text[TextKey.AskWhen]], when);
        Assert.Equal(2, (await _blobs.DraftAsync(chat.ConversationId)).Answers.WhatHappened.Count);
    }
}
