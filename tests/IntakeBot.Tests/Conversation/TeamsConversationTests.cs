using IntakeBot.Cases.Answers;
using IntakeBot.Cases;
using IntakeBot.Conversation.Cards;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Conversation;

/// <summary>The intake as Teams shows it, over HTTP with channel <c>msteams</c>: suggested actions
/// within Teams' limit, cards whose buttons work, and typed choices that work as well.</summary>
public sealed class TeamsConversationTests(BotAppFixture app) : IClassFixture<BotAppFixture>
{
    private static readonly TextCatalog Text = TextCatalog.Load();
    private readonly HttpClient _client = app.Client;
    private readonly CaseBlobs _blobs = app.Blobs;

    [Fact]
    public async Task No_message_of_a_whole_intake_with_help_and_an_edit_offers_more_than_three_suggested_actions()
    {
        var chat = new HttpChat(_client);
        var replies = new List<JObject>();
        foreach (var line in (string[])["hello", "help", .. Intake.UpToReview(), "help", "edit", "10", "Three colleagues", "edit", "contact", "Email is better", "submit", "my reports", "help"])
        {
            replies.AddRange(await chat.ExchangeAsync(line));
        }

        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.True(SuggestedActions(r).Count <= ChoiceMessage.MaxSuggestedActions, $"{SuggestedActions(r).Count} suggested actions on: {r.Value<string>("text")}"));
    }

    [Fact]
    public async Task The_review_is_a_card_with_submit_edit_and_discard_and_an_edit_button_per_part()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview()[..^1]);

        var review = await chat.ExchangeAsync(Intake.UpToReview()[^1]);

        var card = Assert.Single(review, r => r["attachments"] is JArray { Count: > 0 })["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.Value<string>("contentType"));
        var data = card.SelectTokens("$..data").Select(d => (d.Value<string>(CardSubmission.ChoiceField), d.Value<string>(CardSubmission.PartField))).ToList();
        Assert.Contains((ReviewCard.SubmitChoice, null), data);
        Assert.Contains((ReviewCard.DiscardChoice, null), data);
        Assert.Contains((ReviewCard.EditChoice, "witnesses"), data);
        Assert.Contains((ReviewCard.EditChoice, "contact"), data);
    }

    [Fact]
    public async Task A_part_is_edited_by_its_edit_button_without_any_no_words_message()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview());

        var asked = await chat.ExchangeAsync(null, Press(ReviewCard.EditChoice, "witnesses"));

        Assert.Contains(asked, r => Said(r).Contains(Text[TextKey.AskWitnesses], StringComparison.Ordinal));
        Assert.DoesNotContain(asked, r => Said(r).Contains(Text[TextKey.NoTextReceived], StringComparison.Ordinal));
        await chat.SayAsync("Three colleagues");
        var reference = Receipt.ReferenceIn(string.Join("\n", await chat.SayAsync("submit")));
        Assert.Equal("Three colleagues", (await _blobs.CaseAsync(reference)).Answers.Witnesses);
    }

    [Theory]
    [InlineData("witnesses")]
    [InlineData("10")]
    [InlineData("Witnesses.")]
    public async Task A_part_is_edited_by_typing_its_name_or_number(string typed)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview());
        var which = await chat.ExchangeAsync("edit");
        Assert.Contains(which, r => r["attachments"] is JArray { Count: > 0 });

        var asked = await chat.SayAsync(typed);

        Assert.Contains(asked, r => r.Contains(Text[TextKey.AskWitnesses], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_part_is_edited_by_its_button_on_the_which_part_card()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync([.. Intake.UpToReview(), "edit"]);

        var asked = await chat.ExchangeAsync(null, Press("contact"));

        Assert.Contains(asked, r => Said(r).Contains(Text[TextKey.AskContact], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_by_card_button_submits()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview());

        var receipt = await chat.ExchangeAsync(null, Press(ReviewCard.SubmitChoice));

        var reference = Receipt.ReferenceIn(string.Join("\n", receipt.Select(Said)));
        Assert.Equal("Two colleagues", (await _blobs.CaseAsync(reference)).Answers.Witnesses);
    }

    [Fact]
    public async Task A_press_on_an_old_card_at_a_text_step_is_not_answered_with_no_words()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync("report", "It started last month", "done", "skip", "It happened to me");

        var replies = await chat.ExchangeAsync(null, Press(ReviewCard.SubmitChoice));

        Assert.DoesNotContain(replies, r => Said(r).Contains(Text[TextKey.NoTextReceived], StringComparison.Ordinal));
        Assert.Contains(replies, r => Said(r).Contains(Text[TextKey.AskWhen], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Skip_at_a_required_question_gets_one_kind_message()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync("report", "It started last month", "done", "skip", "It happened to me");

        var replies = await chat.SayAsync("skip");

        Assert.Equal([Text[TextKey.AnswerNeededWhen]], replies);
    }

    [Fact]
    public async Task I_dont_know_answers_when()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync("report", "It started last month", "done", "skip", "It happened to me");

        var replies = await chat.SayAsync("I don't remember");

        Assert.Contains(replies, r => r.Contains(Text[TextKey.AskStillHappening], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("no")]
    [InlineData("None.")]
    [InlineData("nothing")]
    [InlineData("not now")]
    public async Task Nothing_at_the_evidence_step_ends_it_with_nothing_stored(string said)
    {
        var chat = new HttpChat(_client);
        string[] upToEvidence = [.. Intake.UpToReview().TakeWhile(l => l != "skip")];
        await chat.SayAllAsync(upToEvidence);

        var next = await chat.SayAsync(said);

        Assert.Contains(next, r => r.Contains(Text[TextKey.AskAnythingElse], StringComparison.Ordinal));
        var reference = await chat.SubmitReportAsync("Nothing more", "A Teams chat is fine", "skip");
        Assert.Empty((await _blobs.CaseAsync(reference)).Evidence);
    }

    [Fact]
    public async Task There_is_no_done_button_after_the_first_message_of_the_account_only_after_the_second()
    {
        var chat = new HttpChat(_client);
        await chat.SayAsync("report");

        var first = await chat.ExchangeAsync("He shouted at me");
        var second = await chat.ExchangeAsync("Then he left");

        Assert.All(first, r => Assert.Empty(SuggestedActions(r)));
        Assert.Contains(second, r => SuggestedActions(r).Contains(Text[TextKey.ChoiceDone]));
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("Stop.")]
    [InlineData("stop please")]
    public async Task Stop_asks_whether_to_keep_the_draft_paused_or_delete_it_and_keep_paused_keeps_it(string stop)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync("report", "It started last month", "done", "skip", "It happened to me");

        var asked = await chat.ExchangeAsync(stop);
        var kept = await chat.SayAsync(Text[TextKey.ChoiceKeepPaused]);
        var resumed = await chat.SayAsync("Last March");

        Assert.Contains(asked, r => Said(r).Contains(Text[TextKey.ConfirmStop], StringComparison.Ordinal) && SuggestedActions(r).Count == 2);
        Assert.Contains(kept, r => r.StartsWith(Text[TextKey.Paused], StringComparison.Ordinal));
        Assert.Contains(resumed, r => r.Contains(Text[TextKey.WelcomeBackKeptText], StringComparison.Ordinal));
        Assert.Contains(resumed, r => r.Contains(Text[TextKey.AskStillHappening], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stop_then_delete_deletes_the_draft_without_asking_twice()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync("report", "It started last month", "done", "skip", "It happened to me", "stop");

        var deleted = await chat.ExchangeAsync(null, Press(nameof(TextKey.ChoiceDeleteDraft)));

        Assert.Contains(deleted, r => Said(r).StartsWith("Your draft has been deleted", StringComparison.Ordinal));
        Assert.Contains(await chat.SayAsync("report"), r => r.Contains(Text[TextKey.AskWhatHappened], StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_message_that_ends_a_pause_is_kept_as_the_next_part_of_the_account()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync("report", "He shouted at me", "pause");

        var resumed = await chat.SayAsync("Then he slammed the door");
        var reference = await chat.SubmitReportAsync("done", "skip", "It happened to me", "Yesterday", "No", "Yes", "Online", "skip", "skip", "skip", "skip", "no", "skip", "A Teams chat is fine", "skip");

        Assert.Contains(resumed, r => r.Contains(Text[TextKey.WelcomeBackKeptText], StringComparison.Ordinal));
        Assert.Equal(["He shouted at me", "Then he slammed the door"], (await _blobs.CaseAsync(reference)).Answers.WhatHappened);
    }

    [Fact]
    public async Task After_a_pause_at_the_review_the_review_card_is_shown_again()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync([.. Intake.UpToReview(), "pause"]);

        var resumed = await chat.ExchangeAsync("hello again");

        Assert.Contains(resumed, r => r["attachments"] is JArray { Count: > 0 });
    }

    [Fact]
    public async Task Privacy_works_in_the_middle_of_an_intake_and_the_question_is_asked_again()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync("report", "It started last month", "done", "skip", "It happened to me");

        var replies = await chat.SayAsync("privacy");

        Assert.Contains(replies, r => r.Contains(BotApp.FaqUrl, StringComparison.Ordinal));
        Assert.Equal(Text[TextKey.AskWhen], replies[^1]);
    }

    [Fact]
    public async Task The_welcome_says_the_report_carries_the_name_and_who_reads_it()
    {
        var chat = new HttpChat(_client);

        var welcome = await chat.SayAsync("report");

        Assert.Contains(welcome, r => r.Contains("carries your name", StringComparison.Ordinal) && r.Contains("the person responsible for conduct reports", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Hi")]
    [InlineData("hello!")]
    [InlineData("Good morning")]
    public async Task A_greeting_is_answered_as_a_greeting(string greeting)
    {
        var chat = new HttpChat(_client);

        var replies = await chat.SayAsync(greeting);

        Assert.StartsWith(Text[TextKey.GreetingReply], Assert.Single(replies), StringComparison.Ordinal);
        Assert.EndsWith(Text.Format(TextKey.DangerFirst, BotApp.UrgentHelp), replies[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("pause")]
    [InlineData("My reports.")]
    [InlineData("report")]
    public async Task Control_words_during_an_addition_are_explained_and_never_added(string word)
    {
        var chat = new HttpChat(_client);
        var reference = await chat.SubmitReportAsync();
        await chat.SayAsync($"add to {reference}");

        var replies = await chat.SayAsync(word);
        await chat.SayAllAsync("One more thing I remembered", "done");

        Assert.Equal([Text.Format(TextKey.AdditionExplained, reference)], replies);
        var said = (await _blobs.TranscriptAsync(reference)).Where(e => e.Direction == TranscriptDirection.In).Select(e => e.Text).ToList();
        Assert.Contains("One more thing I remembered", said);
        var record = await _blobs.CaseAsync(reference);
        Assert.DoesNotContain(word, System.Text.Json.JsonSerializer.Serialize(record.Additions), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_email_asks_for_the_address_and_checks_it_kindly()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview()[..^2]);

        var asked = await chat.SayAsync("Email");
        var invalid = await chat.SayAsync("sam at contoso");
        var reference = await chat.SubmitReportAsync("sam@contoso.com", "skip");

        Assert.Equal([Text[TextKey.AskContactEmail]], asked);
        Assert.Equal([Text[TextKey.ContactEmailInvalid]], invalid);
        var answers = (await _blobs.CaseAsync(reference)).Answers;
        Assert.Equal((ContactAnswer.Email, "sam@contoso.com"), (answers.ContactChoice, answers.Contact));
    }

    private static JObject Press(string choice, string? part = null)
    {
        var value = new JObject { [CardSubmission.ChoiceField] = choice };
        if (part is not null)
        {
            value[CardSubmission.PartField] = part;
        }

        return value;
    }

    private static string Said(JObject reply) => reply.Value<string>("text") ?? string.Empty;

    private static List<string> SuggestedActions(JObject reply)
        => [.. (reply.SelectToken("suggestedActions.actions") as JArray ?? []).Select(a => a.Value<string>("title") ?? string.Empty)];
}
