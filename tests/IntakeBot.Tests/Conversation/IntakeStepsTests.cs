using IntakeBot.Cases.Answers;
using IntakeBot.Cases;
using IntakeBot.Conversation.Cards;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Conversation;

/// <summary>The steps a whole intake over HTTP (channel <c>msteams</c>) takes a person through:
/// safety asked on its own and waited on, witness or person affected, the open follow-up after the
/// account, safe contact times, and the responder's consent and closing steps.</summary>
public sealed class IntakeStepsTests(IntakeStepsApp app) : IClassFixture<IntakeStepsApp>
{
    private static readonly TextCatalog Text = TextCatalog.Load();
    private static readonly string ResponderId = IntakeStepsApp.ResponderId;
    private readonly HttpClient _client = app.Client;
    private readonly CaseBlobs _blobs = app.Blobs;

    private static string[] UpTo(string before) => [.. Intake.UpToReview().TakeWhile(l => l != before)];

    [Fact]
    public async Task Still_going_on_is_not_taken_as_danger_and_safety_is_asked_on_its_own()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("No"));

        var afterStillGoingOn = await chat.SayAsync("Yes");

        Assert.Equal([Text[TextKey.AskSafeNow]], afterStillGoingOn);
        Assert.DoesNotContain(afterStillGoingOn, r => r.Contains(BotApp.UrgentHelp, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("No", YesNoAnswer.No)]
    [InlineData("Not sure", YesNoAnswer.NotSure)]
    public async Task Not_safe_shows_the_urgent_help_contact_and_waits_until_the_person_wants_to_carry_on_keeping_what_they_write_meanwhile(string answer, YesNoAnswer meant)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("Yes"));

        var urgent = await chat.ExchangeAsync(answer);
        var stillWaiting = await chat.SayAsync("I'm in the car park");
        var carriedOn = await chat.ExchangeAsync("carry on");

        var wait = Assert.Single(urgent);
        Assert.Contains(BotApp.UrgentHelp, Said(wait), StringComparison.Ordinal);
        Assert.Contains(Text[TextKey.ChoiceCarryOn], SuggestedActions(wait));
        Assert.Equal([Text.Format(TextKey.SafetyWaitKept, BotApp.UrgentHelp)], stillWaiting);
        Assert.Contains(carriedOn, r => Said(r).Contains(Text[TextKey.AskSetting], StringComparison.Ordinal));
        var draft = await _blobs.DraftAsync(chat.ConversationId);
        Assert.Equal(meant, draft.Answers.SafeNow);
        Assert.Equal(["He shouted at me in the stand-up meeting", "It happened again the next day", "I'm in the car park"], draft.Answers.WhatHappened);
    }

    [Theory]
    [InlineData("continue")]
    [InlineData("I'm ready.")]
    public async Task Carry_on_can_be_said_in_other_words_and_is_never_kept_as_the_account(string said)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync([.. UpTo("Yes"), "No"]);

        var carriedOn = await chat.SayAsync(said);

        Assert.Contains(carriedOn, r => r.Contains(Text[TextKey.AskSetting], StringComparison.Ordinal));
        Assert.Equal(["He shouted at me in the stand-up meeting", "It happened again the next day"], (await _blobs.DraftAsync(chat.ConversationId)).Answers.WhatHappened);
    }

    [Fact]
    public async Task What_is_written_while_waiting_after_a_pause_is_kept_too_and_reaches_the_submitted_case()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync([.. UpTo("Yes"), "No", "pause"]);

        var resumed = await chat.SayAsync("He is still waiting outside my office");
        var reference = await chat.SubmitReportAsync(["carry on", .. Intake.UpToReview()[9..]]);

        Assert.Equal([Text.Format(TextKey.SafetyWaitKept, BotApp.UrgentHelp)], resumed);
        Assert.Equal("He is still waiting outside my office", (await _blobs.CaseAsync(reference)).Answers.WhatHappened[^1]);
    }

    [Fact]
    public async Task Carry_on_by_its_button_goes_on_with_the_next_question()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync([.. UpTo("Yes"), "No"]);

        var carriedOn = await chat.ExchangeAsync(null, new JObject { [CardSubmission.ChoiceField] = "ChoiceCarryOn" });

        Assert.Contains(carriedOn, r => Said(r).Contains(Text[TextKey.AskSetting], StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_person_is_asked_early_whether_it_happened_to_them_or_they_saw_it()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("It happened to me"));

        var asked = await chat.ExchangeAsync("I saw it happen to someone else");

        Assert.Contains(asked, r => Said(r).Contains(Text[TextKey.AskWhen], StringComparison.Ordinal));
        Assert.Equal(RoleAnswer.SawIt, (await _blobs.DraftAsync(chat.ConversationId)).Answers.Role);
    }

    [Fact]
    public async Task A_bystander_is_asked_how_it_seemed_to_affect_them_never_how_it_affected_you()
    {
        var chat = new HttpChat(_client);
        var lines = Intake.UpToReview();
        lines[Array.IndexOf(lines, "It happened to me")] = "I saw it happen to someone else";
        var replies = await chat.SayAllAsync([.. lines.TakeWhile(l => l != "I feel anxious before meetings")]);

        Assert.Contains(replies, r => r.Contains(Text[TextKey.AskImpactWitness], StringComparison.Ordinal));
        Assert.DoesNotContain(replies, r => r.Contains(Text[TextKey.AskImpact], StringComparison.Ordinal));
        await chat.SayAllAsync("She looked shaken", "skip", "skip", "A Teams chat");
        var review = await chat.ExchangeAsync("skip");
        var card = Assert.Single(review, r => r["attachments"] is JArray { Count: > 0 })["attachments"]!.ToString();
        Assert.Contains(Text[TextKey.TitleImpactWitness], card, StringComparison.Ordinal);
        Assert.DoesNotContain(Text[TextKey.TitleImpact], card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_account_one_open_follow_up_is_asked_and_its_answer_kept()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("done"));

        var followUp = await chat.SayAsync("done");
        var next = await chat.ExchangeAsync("He also laughed when I left");

        Assert.Equal([Text[TextKey.AskOpenFollowUp]], followUp);
        Assert.Contains(next, r => Said(r).Contains(Text[TextKey.AskRole], StringComparison.Ordinal));
        Assert.Equal("He also laughed when I left", (await _blobs.DraftAsync(chat.ConversationId)).Answers.FollowUp);
    }

    [Theory]
    [InlineData("skip")]
    [InlineData("nothing")]
    public async Task The_follow_up_can_be_skipped(string said)
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(UpTo("nothing"));

        var next = await chat.ExchangeAsync(said);

        Assert.Contains(next, r => Said(r).Contains(Text[TextKey.AskRole], StringComparison.Ordinal));
        Assert.Null((await _blobs.DraftAsync(chat.ConversationId)).Answers.FollowUp);
    }

    [Fact]
    public async Task After_the_contact_choice_safe_times_are_asked_and_kept()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview()[..^2]);

        var asked = await chat.SayAsync("A Teams chat");
        await chat.SayAsync("Afternoons only, not by phone");
        var reference = Receipt.ReferenceIn(string.Join("\n", await chat.SayAsync("submit")));

        Assert.Equal([Text[TextKey.AskSafeTimes]], asked);
        Assert.Equal("Afternoons only, not by phone", (await _blobs.CaseAsync(reference)).Answers.SafeTimes);
    }

    [Fact]
    public async Task Someone_who_asked_not_to_be_contacted_is_not_asked_when_to_be_contacted()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview()[..^2]);

        var next = await chat.ExchangeAsync(Text[TextKey.ChoiceNoContact]);

        Assert.DoesNotContain(next, r => Said(r).Contains(Text[TextKey.AskSafeTimes], StringComparison.Ordinal));
        Assert.Contains(next, r => r["attachments"] is JArray { Count: > 0 });
    }

    [Fact]
    public async Task What_a_responder_types_while_waiting_after_the_urgent_help_contact_joins_the_notes()
    {
        var chat = new HttpChat(_client, ResponderId);
        await chat.SayAllAsync("take a report", "Alex Kim", Text[TextKey.ChoiceAgreed], "They said the comments started in March", "done", "Since March", "No");

        var kept = await chat.SayAsync("They are worried he will be at the office tomorrow");

        Assert.Equal([Text.Format(TextKey.SafetyWaitKeptNotes, BotApp.UrgentHelp)], kept);
        Assert.Equal(["They said the comments started in March", "They are worried he will be at the office tomorrow"], (await _blobs.DraftAsync(chat.ConversationId)).Answers.WhatHappened);
    }

    [Fact]
    public async Task A_responder_tells_who_sees_the_notes_records_consent_is_asked_about_safety_and_gets_a_closing()
    {
        var chat = new HttpChat(_client, ResponderId);
        await chat.SayAsync("take a report");

        var consent = await chat.ExchangeAsync("Alex Kim");
        await chat.SayAsync(Text[TextKey.ChoiceAgreed]);
        await chat.SayAllAsync("They said the comments started in March", "done");
        var safety = await chat.SayAsync("Since March");
        var wait = await chat.SayAsync("Not sure");
        await chat.SayAllAsync("carry on", "In person", "skip", "skip", "skip", "skip", "skip", "skip");
        var receipt = await chat.SayAsync("submit");

        Assert.Contains(consent, r => Said(r).Contains(Text[TextKey.TellWhoSeesNotes], StringComparison.Ordinal));
        Assert.Equal([Text[TextKey.AskSafeNowResponder]], safety);
        Assert.Contains(wait, r => r.Contains(BotApp.UrgentHelp, StringComparison.Ordinal));
        var reference = Receipt.ReferenceIn(string.Join("\n", receipt));
        var closing = Assert.Single(receipt, r => r.StartsWith("Before you finish", StringComparison.Ordinal));
        Assert.Contains(reference, closing, StringComparison.Ordinal);
        Assert.Contains(BotApp.FaqUrl, closing, StringComparison.Ordinal);
        Assert.Contains("employee assistance line", closing, StringComparison.Ordinal);
        var answers = (await _blobs.CaseAsync(reference)).Answers;
        Assert.Equal(ConsentAnswer.Agreed, answers.Consent);
        Assert.Equal(YesNoAnswer.NotSure, answers.SafeNow);
    }

    [Fact]
    public async Task Editing_says_the_new_answer_replaces_the_old_in_the_report_while_the_conversation_record_keeps_both()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync([.. Intake.UpToReview(), "edit"]);

        var shown = await chat.SayAsync("When");
        var review = await chat.ExchangeAsync("Last Wednesday, around 10");
        var reference = Receipt.ReferenceIn(string.Join("\n", await chat.SayAsync("submit")));

        Assert.Contains(Text.Format(TextKey.CurrentAnswer, "Last Tuesday morning"), shown);
        // Said on the card, which the line above it does not repeat.
        Assert.Contains(Text.Format(TextKey.ReviewWhoReceives, "the conduct team"), string.Join("\n", review.SelectMany(r => r.SelectTokens("$..text")).Select(t => t.ToString())), StringComparison.Ordinal);
        Assert.Equal("Last Wednesday, around 10", (await _blobs.CaseAsync(reference)).Answers.When);
        var said = (await _blobs.TranscriptAsync(reference)).Where(e => e.Direction == TranscriptDirection.In).Select(e => e.Text).ToList();
        Assert.Contains("Last Tuesday morning", said);
        Assert.Contains("Last Wednesday, around 10", said);
    }

    [Fact]
    public async Task The_receipt_thanks_gives_the_reference_who_has_it_what_to_do_next_support_and_the_faq()
    {
        var chat = new HttpChat(_client);
        await chat.SayAllAsync(Intake.UpToReview());

        var receipt = string.Join("\n", await chat.SayAsync("submit"));

        var reference = Receipt.ReferenceIn(receipt);
        Assert.StartsWith("Thank you", receipt, StringComparison.Ordinal);
        Assert.Contains("the conduct team", receipt, StringComparison.Ordinal);
        Assert.Contains($"add to {reference}", receipt, StringComparison.Ordinal);
        Assert.Contains("**my reports**", receipt, StringComparison.Ordinal);
        Assert.Contains("**privacy**", receipt, StringComparison.Ordinal);
        Assert.Contains("employee assistance line", receipt, StringComparison.Ordinal);
        Assert.Contains(BotApp.FaqUrl, receipt, StringComparison.Ordinal);
    }

    private static string Said(JObject reply) => reply.Value<string>("text") ?? string.Empty;

    private static List<string> SuggestedActions(JObject reply)
        => [.. (reply.SelectToken("suggestedActions.actions") as JArray ?? []).Select(a => a.Value<string>("title") ?? string.Empty)];
}
