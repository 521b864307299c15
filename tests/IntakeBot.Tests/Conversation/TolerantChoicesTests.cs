using IntakeBot.Cases.Answers;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Conversation;

/// <summary>Choices are answered the way people type them over HTTP: short forms and synonyms from the
/// catalog ("me", "yeah", "nope", "idk", "I'd rather not say"), a number, slips of the keyboard, case,
/// punctuation and a polite word; at the review a part's number or name; after two answers that did
/// not fit, buttons with one line of help instead of the same refusal; and more of the account typed
/// at a choice is kept, not dropped.</summary>
public sealed class TolerantChoicesTests(BotAppFixture app) : IClassFixture<BotAppFixture>
{
    private static readonly TextCatalog Text = TextCatalog.Load();
    private readonly HttpClient _client = app.Client;
    private readonly CaseBlobs _blobs = app.Blobs;

    private static string[] UpTo(string before) => [.. Intake.UpToReview().TakeWhile(l => l != before)];

    [Theory]
    [InlineData("me", RoleAnswer.HappenedToMe)]
    [InlineData("to me!", RoleAnswer.HappenedToMe)]
    [InlineData("It was me", RoleAnswer.HappenedToMe)]
    [InlineData("it happend to me", RoleAnswer.HappenedToMe)]
    [InlineData("somone else", RoleAnswer.SawIt)]
    [InlineData("I saw it, thanks", RoleAnswer.SawIt)]
    [InlineData("2", RoleAnswer.SawIt)]
    public async Task Who_it_happened_to_is_understood_in_short_and_misspelt_words(string typed, RoleAnswer meant)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("It happened to me"));

        var next = await chat.SayAsync(typed);

        Assert.Equal([Text[TextKey.AskWhen]], next);
        Assert.Equal(meant, (await _blobs.DraftAsync(chat.ConversationId)).Answers.Role);
    }

    [Theory]
    [InlineData("yeah", YesNoAnswer.Yes)]
    [InlineData("Yep.", YesNoAnswer.Yes)]
    [InlineData("yse", YesNoAnswer.Yes)]
    [InlineData("nope", YesNoAnswer.No)]
    [InlineData("Not really", YesNoAnswer.No)]
    [InlineData("nah, it stopped", YesNoAnswer.No)]
    [InlineData("no, it stopped in May", YesNoAnswer.No)]
    [InlineData("idk", YesNoAnswer.NotSure)]
    [InlineData("not sure tbh", YesNoAnswer.Unknown)]
    [InlineData("3", YesNoAnswer.NotSure)]
    public async Task Still_going_on_is_understood_in_short_and_misspelt_words(string typed, YesNoAnswer meant)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("No"));

        var next = await chat.SayAsync(typed);

        if (meant == YesNoAnswer.Unknown)
        {
            // Not a short form the catalog knows: asked again, never guessed.
            Assert.StartsWith("I didn't catch which one you meant", Assert.Single(next), StringComparison.Ordinal);
            Assert.Null((await _blobs.DraftAsync(chat.ConversationId)).Answers.StillHappening);
            return;
        }

        Assert.Equal([Text[TextKey.AskSafeNow]], next);
        Assert.Equal(meant, (await _blobs.DraftAsync(chat.ConversationId)).Answers.StillHappening);
    }

    [Fact]
    public async Task I_would_rather_not_say_whether_I_am_safe_is_not_sure_and_gets_the_urgent_help_contact()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("Yes"));

        var next = await chat.SayAsync("I'd rather not say");

        Assert.Contains(BotApp.UrgentHelp, Assert.Single(next), StringComparison.Ordinal);
        Assert.Equal(YesNoAnswer.NotSure, (await _blobs.DraftAsync(chat.ConversationId)).Answers.SafeNow);
    }

    [Theory]
    [InlineData("no")]
    [InlineData("Don't contact me please.")]
    [InlineData("nope")]
    public async Task Not_wanting_to_be_contacted_said_briefly_is_the_no_contact_wish(string typed)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("A Teams chat is fine"));

        var next = await chat.SayAsync(typed);

        Assert.Equal(Text[TextKey.NoContactNoted], next[0]);
        Assert.True((await _blobs.DraftAsync(chat.ConversationId)).Answers.NoContact);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("witnesses")]
    [InlineData("Witnesess please")]
    public async Task At_the_review_a_part_is_changed_by_its_number_or_name(string typed)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview());

        var edit = await chat.SayAsync(typed);

        Assert.Equal([Text.Format(TextKey.CurrentAnswer, "Two colleagues"), Text[TextKey.AskWitnesses]], edit);
        var review = await chat.SayAsync("Nobody else");
        Assert.Contains(review, r => r.StartsWith("Here is your report", StringComparison.Ordinal));
        Assert.Equal("Nobody else", (await _blobs.DraftAsync(chat.ConversationId)).Answers.Witnesses);
    }

    [Fact]
    public async Task Refused_twice_the_person_gets_buttons_with_one_line_of_help_never_the_same_refusal_again()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("It happened to me"));

        var first = Assert.Single(await chat.ExchangeAsync("hmm"));
        var second = Assert.Single(await chat.ExchangeAsync("erm"));
        var third = Assert.Single(await chat.ExchangeAsync("eh"));

        Assert.StartsWith("I didn't catch which one you meant", Said(first), StringComparison.Ordinal);
        Assert.Equal(Text.Format(TextKey.PickOneHelp, 2, Text[TextKey.AskRole]), Said(second));
        Assert.Equal([Text[TextKey.ChoiceHappenedToMe], Text[TextKey.ChoiceSawIt]], Buttons(second));
        Assert.NotEqual(Said(first), Said(third));
        await chat.SayAsync("me");
        Assert.Equal(RoleAnswer.HappenedToMe, (await _blobs.DraftAsync(chat.ConversationId)).Answers.Role);
    }

    [Fact]
    public async Task Refused_twice_at_a_choice_of_more_than_three_the_choices_come_on_a_card()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync([.. Intake.UpToReview(), "edit"]);

        await chat.ExchangeAsync("hmm");
        var second = Assert.Single(await chat.ExchangeAsync("the thing"));

        var card = (JObject)second["attachments"]![0]!["content"]!;
        Assert.Contains(Text.Format(TextKey.PickOneHelp, 15, Text[TextKey.AskWhichSection]), card.ToString(), StringComparison.Ordinal);
        Assert.Equal(15, card.Descendants().OfType<JObject>().Count(o => (string?)o["type"] == "Action.Submit"));
    }

    [Fact]
    public async Task More_of_the_account_typed_at_a_choice_is_kept_and_the_question_asked_again()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("It happened to me"));

        var kept = Assert.Single(await chat.SayAsync("he also said I would never get promoted here"));
        var next = await chat.SayAsync("it was me");

        Assert.Equal(Text.Format(TextKey.ChoiceKeptAskAgain, Text[TextKey.AskRole]), kept);
        Assert.Equal([Text[TextKey.AskWhen]], next);
        var draft = await _blobs.DraftAsync(chat.ConversationId);
        Assert.Equal(["He shouted at me in the stand-up meeting", "It happened again the next day", "he also said I would never get promoted here"], draft.Answers.WhatHappened);
        Assert.Equal(RoleAnswer.HappenedToMe, draft.Answers.Role);
    }

    private static string Said(JObject reply) => reply.Value<string>("text") ?? string.Empty;

    private static List<string> Buttons(JObject reply)
        => [.. (reply.SelectToken("suggestedActions.actions") as JArray ?? []).Select(a => a.Value<string>("title") ?? string.Empty)];
}
