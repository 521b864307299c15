using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.Listening;

/// <summary>Messages off the script at every kind of step, over HTTP: "can u repeat" asks the question
/// again and is never taken as the answer (free text, a date, yes/no, a choice); "wait I got the date
/// wrong" at a later question is kept with the account, never as that question's answer, and the person
/// is told where parts are changed; danger typed at a date or a choice still gets help first and is kept
/// with the account.</summary>
public sealed class OffScriptStepsTests(BotAppFixture app) : IClassFixture<BotAppFixture>
{
    private static readonly TextCatalog Text = TextCatalog.Load();
    private static readonly string[] Account = ["He shouted at me in the stand-up meeting", "It happened again the next day"];
    private readonly HttpClient _client = app.Client;
    private readonly CaseBlobs _blobs = app.Blobs;

    /// <summary>The intake's lines before the one that answers <paramref name="step"/>.</summary>
    private static string[] UpTo(string step) => [.. Intake.UpToReview().TakeWhile(l => l != step)];

    [Theory]
    [InlineData("Last Tuesday morning", TextKey.AskWhen, "can u repeat")]
    [InlineData("Last Tuesday morning", TextKey.AskWhen, "sorry what?")]
    [InlineData("The team's Teams meeting", TextKey.AskPlace, "Can you repeat that")]
    [InlineData("Two colleagues", TextKey.AskWitnesses, "can u repeat")]
    [InlineData("I would like to talk to someone", TextKey.AskAnythingElse, "what was the question")]
    [InlineData("A Teams chat is fine", TextKey.AskContact, "huh?")]
    [InlineData("No", TextKey.AskStillHappening, "can u repeat")]
    [InlineData("It happened to me", TextKey.AskRole, "say that again pls")]
    public async Task Asking_to_hear_the_question_again_asks_it_again_and_is_never_the_answer(string step, TextKey question, string said)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo(step));

        var replies = await chat.SayAsync(said);
        var next = await chat.SayAsync(step);

        Assert.Equal(Text[question], Assert.Single(replies));
        Assert.DoesNotContain(next, r => r.Contains(Text[question], StringComparison.Ordinal));
        var answers = (await _blobs.DraftAsync(chat.ConversationId)).Answers;
        Assert.Equal(Account, answers.WhatHappened);
        Assert.DoesNotContain(said, ElsewhereThanTheAccount(answers), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Two colleagues", TextKey.AskWitnesses)]
    [InlineData("No", TextKey.AskStillHappening)]
    [InlineData("The team's Teams meeting", TextKey.AskPlace)]
    public async Task Saying_an_earlier_answer_was_wrong_keeps_it_with_the_account_and_says_where_parts_are_changed(string step, TextKey question)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo(step));

        var replies = await chat.SayAsync("wait I got the date wrong");

        Assert.Equal($"{Text[TextKey.ListenKeptInAccount]} {Text[TextKey.ChangeAtReview]}", replies[0]);
        Assert.Contains(Text[question], replies[^1], StringComparison.Ordinal);
        var answers = (await _blobs.DraftAsync(chat.ConversationId)).Answers;
        Assert.Equal([.. Account, "wait I got the date wrong"], answers.WhatHappened);
        Assert.DoesNotContain("date wrong", ElsewhereThanTheAccount(answers), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_else_getting_it_wrong_is_an_answer_not_a_change()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("Two colleagues"));

        var replies = await chat.SayAsync("my colleague Sam, but he got it wrong about the date");

        Assert.Equal([Text[TextKey.AskImpact]], replies);
        Assert.Equal("my colleague Sam, but he got it wrong about the date", (await _blobs.DraftAsync(chat.ConversationId)).Answers.Witnesses);
    }

    [Theory]
    [InlineData("Last Tuesday morning", TextKey.AskWhen)]
    [InlineData("No", TextKey.AskStillHappening)]
    public async Task Danger_at_a_date_or_a_choice_gets_help_first_and_is_kept_with_the_account(string step, TextKey question)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo(step));

        var replies = await chat.SayAsync("he's outside now");

        Assert.Contains(BotApp.UrgentHelp, replies[0], StringComparison.Ordinal);
        Assert.Contains(Text[question], replies[^1], StringComparison.Ordinal);
        var answers = (await _blobs.DraftAsync(chat.ConversationId)).Answers;
        Assert.Equal([.. Account, "he's outside now"], answers.WhatHappened);
        Assert.DoesNotContain("outside", ElsewhereThanTheAccount(answers), StringComparison.Ordinal);
    }

    [Fact]
    public async Task I_dont_know_at_the_date_is_an_answer_and_the_intake_goes_on()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("Last Tuesday morning"));

        var replies = await chat.SayAsync("idk");

        Assert.Equal([Text[TextKey.AskStillHappening]], replies);
        Assert.Equal(Account, (await _blobs.DraftAsync(chat.ConversationId)).Answers.WhatHappened);
    }

    /// <summary>Every answer but the account, as stored.</summary>
    private static string ElsewhereThanTheAccount(IntakeAnswers answers)
        => System.Text.Json.JsonSerializer.Serialize(answers with { WhatHappened = [] });
}
