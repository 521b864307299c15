using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Listening;

/// <summary>Every message is read for what the person means before the step takes it, through real
/// turns over HTTP: danger gets help first and is still kept, questions are answered and kept only by
/// choice, second thoughts get pause or delete, and the owner sees a safety concern first.</summary>
public sealed class ListeningTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Canary = "CANARY-7f1e-otter-kettle";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TextCatalog Text = TextCatalog.Load();

    [Fact]
    public async Task Not_feeling_safe_going_home_as_a_first_message_gets_help_before_anything_else()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient());

        var replies = await chat.SayAsync("I don't feel safe going home");

        Assert.True(replies.Count >= 2);
        Assert.Contains(BotApp.UrgentHelp, replies[0], StringComparison.Ordinal);
        Assert.Contains("Nobody reads this chat as you write", replies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_threat_told_mid_account_gets_help_and_is_still_kept_in_the_account()
    {
        await using var app = new BotApp(azurite);
        var blobs = new CaseBlobs(azurite, app);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "He shouted at me in the stand-up meeting");

        var replies = await chat.SayAsync("he said he knows where I live");

        Assert.Contains(BotApp.UrgentHelp, replies[0], StringComparison.Ordinal);
        Assert.Contains(Text[TextKey.AccountNotedAgain1], replies);
        var draft = await blobs.DraftAsync();
        Assert.Equal(["He shouted at me in the stand-up meeting", "he said he knows where I live"], draft.Answers.WhatHappened);
        Assert.True(draft.SafetyConcern);
    }

    [Fact]
    public async Task A_misspelt_threat_at_a_choice_is_kept_in_the_account_and_the_question_is_asked_again()
    {
        await using var app = new BotApp(azurite);
        var blobs = new CaseBlobs(azurite, app);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "He shouted at me in the stand-up meeting", "done", "skip");

        var replies = await chat.SayAsync("hes been threatning me, hes waiting in the carpark");

        Assert.Contains(BotApp.UrgentHelp, replies[0], StringComparison.Ordinal);
        Assert.Contains(Text[TextKey.ListenKeptInAccount], replies);
        Assert.Contains(Text[TextKey.AskRole], replies[^1], StringComparison.Ordinal);
        Assert.Contains("hes been threatning me, hes waiting in the carpark", (await blobs.DraftAsync()).Answers.WhatHappened);
    }

    [Fact]
    public async Task Thoughts_of_ending_it_all_get_the_crisis_line_and_the_urgent_contact()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "My manager keeps mocking me in front of everyone");

        var replies = await chat.SayAsync("some days I think about ending it all");

        Assert.Contains(BotApp.CrisisHelp, replies[0], StringComparison.Ordinal);
        Assert.Contains(BotApp.UrgentHelp, replies[0], StringComparison.Ordinal);
        Assert.Contains(Text[TextKey.AccountNotedAgain1], replies);
    }

    [Fact]
    public async Task A_question_mid_account_is_answered_and_kept_only_when_the_person_chooses()
    {
        await using var app = new BotApp(azurite);
        var blobs = new CaseBlobs(azurite, app);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "He shouted at me in the stand-up meeting");

        var answered = await chat.ExchangeAsync("will he find out I said this??");
        var notKept = await chat.SayAsync("No, just the answer");
        var alsoAnswered = await chat.SayAsync("who will see this?");
        var kept = await chat.SayAsync("Keep it in my report");

        var answer = answered[0];
        Assert.Contains("doesn't contact anyone", answer.Value<string>("text"), StringComparison.Ordinal);
        Assert.Contains(BotApp.FaqUrl, answer.Value<string>("text"), StringComparison.Ordinal);
        Assert.Equal([Text[TextKey.ChoiceKeepQuestion], Text[TextKey.ChoiceJustTheAnswer]], answer.SelectTokens("suggestedActions.actions[*].title").Select(t => t.ToString()));
        Assert.Equal(Text[TextKey.QuestionNotKept], notKept[0]);
        Assert.Contains("Once you submit", alsoAnswered[0], StringComparison.Ordinal);
        Assert.Contains(Text[TextKey.AccountNotedAgain1], kept);
        Assert.Equal(["He shouted at me in the stand-up meeting", "who will see this?"], (await blobs.DraftAsync()).Answers.WhatHappened);
    }

    [Fact]
    public async Task Who_will_see_this_at_the_review_is_answered_and_the_review_goes_on()
    {
        await using var app = new BotApp(azurite);
        var blobs = new CaseBlobs(azurite, app);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync(Intake.UpToReview());

        var answered = await chat.SayAsync("who will see this?");
        var again = await chat.SayAsync("No, just the answer");
        var receipt = string.Join("\n", await chat.SayAsync("submit"));

        Assert.Contains("the person responsible for conduct reports can read your report", answered[0], StringComparison.Ordinal);
        Assert.Equal(Text[TextKey.QuestionNotKept], again[0]);
        Assert.Equal(Text[TextKey.ReviewCardText], again[^1]);
        Assert.DoesNotContain(again, r => r.Contains(Text[TextKey.ReviewActions], StringComparison.Ordinal));
        var record = await blobs.CaseAsync(Receipt.ReferenceIn(receipt));
        Assert.DoesNotContain(record.Answers.WhatHappened, l => l.Contains("who will see", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_ones_mind_is_offered_pause_or_delete_and_is_not_kept()
    {
        await using var app = new BotApp(azurite);
        var blobs = new CaseBlobs(azurite, app);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "He shouted at me in the stand-up meeting");

        var offered = await chat.ExchangeAsync("actually I changed my mind, I don't want to do this");

        var text = offered[0].Value<string>("text")!;
        Assert.Contains("30 days", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Noted", text, StringComparison.Ordinal);
        Assert.Contains(Text[TextKey.ChoiceDeleteDraft], offered[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(["He shouted at me in the stand-up meeting"], (await blobs.DraftAsync()).Answers.WhatHappened);

        var deleted = await chat.SayAsync("Delete it");

        Assert.Contains(deleted, r => r.Contains("deleted", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_safety_concern_is_notified_without_words_comes_first_for_the_owner_and_gets_the_urgent_deadline()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var blobs = new CaseBlobs(azurite, app);
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        var owner = new HttpChat(app.CreateClient(), ownerAad, connector.ServiceUrl);
        await owner.SayAsync("hello");

        var worried = new HttpChat(app.CreateClient());
        var lines = Intake.UpToReview();
        lines[2] = $"he's waiting in the car park {Canary}";
        var flagged = await worried.SubmitReportAsync(lines);
        var other = new HttpChat(app.CreateClient());
        var ordinary = await other.SubmitReportAsync();

        var (_, notification) = await connector.WaitForSentAsync(a => a.Value<string>("text")?.Contains(flagged, StringComparison.Ordinal) == true, Patience);
        Assert.Equal($"A new report with a safety concern has been submitted to you. Reference: {flagged}", notification.Value<string>("text"));
        Assert.DoesNotContain(Canary, notification.ToString(), StringComparison.Ordinal);
        var record = await blobs.CaseAsync(flagged);
        Assert.True(record.SafetyConcern);
        Assert.Equal(record.SubmittedAt + TimeSpan.FromDays(1), record.Deadlines.Single(d => d.Kind == DeadlineKind.Acknowledge).Due);
        var usual = await blobs.CaseAsync(ordinary);
        Assert.False(usual.SafetyConcern);
        Assert.Equal(usual.SubmittedAt + TimeSpan.FromDays(7), usual.Deadlines.Single(d => d.Kind == DeadlineKind.Acknowledge).Due);

        var list = (await owner.SayAsync("cases"))[0];
        Assert.True(list.IndexOf(flagged, StringComparison.Ordinal) < list.IndexOf(ordinary, StringComparison.Ordinal), list);
        Assert.Contains($"**{flagged}**, **safety concern**", list, StringComparison.Ordinal);
        var card = (await owner.ExchangeAsync($"case {flagged}")).Single(a => a["attachments"] is not null);
        var first = card.SelectToken("attachments[0].content.body[0]")!;
        Assert.Equal(Text[TextKey.TitleSafetyConcern], first.SelectToken("items[0].text")?.ToString());
    }

    [Fact]
    public async Task Not_sure_whether_safe_right_now_flags_the_case_as_a_safety_concern()
    {
        await using var app = new BotApp(azurite);
        var blobs = new CaseBlobs(azurite, app);
        var chat = new HttpChat(app.CreateClient());
        var lines = Intake.UpToReview().ToList();
        lines[8] = "Not sure";
        lines.Insert(9, "carry on");
        var reference = await chat.SubmitReportAsync([.. lines]);

        var record = await blobs.CaseAsync(reference);
        Assert.True(record.SafetyConcern);
        Assert.Equal(record.SubmittedAt + TimeSpan.FromDays(1), record.Deadlines.Single(d => d.Kind == DeadlineKind.Acknowledge).Due);
    }

    [Fact]
    public async Task A_threat_added_to_a_submitted_report_gets_help_is_added_and_flags_the_case()
    {
        await using var app = new BotApp(azurite);
        var blobs = new CaseBlobs(azurite, app);
        var chat = new HttpChat(app.CreateClient());
        var reference = await chat.SubmitReportAsync();
        await chat.SayAsync($"add to {reference}");

        var replies = await chat.SayAsync("he said he knows where I live");
        await chat.SayAsync("done");

        Assert.Contains(BotApp.UrgentHelp, replies[0], StringComparison.Ordinal);
        var record = await blobs.CaseAsync(reference);
        Assert.Equal("he said he knows where I live", Assert.Single(record.Additions).Text);
        Assert.True(record.SafetyConcern);
    }

    [Fact]
    public async Task Danger_raised_later_in_an_addition_or_a_reply_brings_the_acknowledgement_forward_once_and_puts_the_case_first()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, OwnerSettings.For(ownerId));
        var blobs = new CaseBlobs(azurite, app);
        var owner = new HttpChat(app.CreateClient(), ownerId);
        var adding = new HttpChat(app.CreateClient());
        var addedTo = await adding.SubmitReportAsync();
        var replying = new HttpChat(app.CreateClient());
        var repliedOn = await replying.SubmitReportAsync();
        var ordinary = await new HttpChat(app.CreateClient()).SubmitReportAsync();

        await adding.SayAsync($"add to {addedTo}");
        Assert.Contains(BotApp.UrgentHelp, (await adding.SayAsync("he said he knows where I live"))[0], StringComparison.Ordinal);
        var first = await AcknowledgeDueAsync(blobs, addedTo);
        Assert.Contains(BotApp.UrgentHelp, (await adding.SayAsync("and now hes waiting outside my flat"))[0], StringComparison.Ordinal);
        await adding.SayAsync("done");
        await owner.SayAsync($"message {repliedOn} Are you somewhere safe right now?");
        var answered = await replying.SayAsync("not ok, he's outside");

        Assert.Contains(BotApp.UrgentHelp, answered[0], StringComparison.Ordinal);
        Assert.Contains(answered, a => a.StartsWith($"Sent to the person handling {repliedOn}", StringComparison.Ordinal));
        var added = await blobs.CaseAsync(addedTo);
        Assert.Equal(2, added.Additions.Count);
        Assert.Equal(first, await AcknowledgeDueAsync(blobs, addedTo));
        foreach (var reference in new[] { addedTo, repliedOn })
        {
            var due = await AcknowledgeDueAsync(blobs, reference);
            var record = await blobs.CaseAsync(reference);
            Assert.True(record.SafetyConcern);
            Assert.InRange(due, record.SubmittedAt!.Value, record.UpdatedAt + TimeSpan.FromDays(1));
        }

        var usual = await blobs.CaseAsync(ordinary);
        Assert.Equal(usual.SubmittedAt + TimeSpan.FromDays(7), usual.Deadlines.Single(d => d.Kind == DeadlineKind.Acknowledge).Due);
        var list = (await owner.SayAsync("cases"))[0];
        Assert.True(list.IndexOf(addedTo, StringComparison.Ordinal) < list.IndexOf(ordinary, StringComparison.Ordinal), list);
        Assert.True(list.IndexOf(repliedOn, StringComparison.Ordinal) < list.IndexOf(ordinary, StringComparison.Ordinal), list);
    }

    [Fact]
    public async Task Danger_typed_in_a_command_that_names_a_case_gets_help_first_and_flags_only_the_persons_own_case()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, OwnerSettings.For(ownerId));
        var blobs = new CaseBlobs(azurite, app);
        var owner = new HttpChat(app.CreateClient(), ownerId);
        var reporter = new HttpChat(app.CreateClient());
        var reference = await reporter.SubmitReportAsync();
        var stranger = new HttpChat(app.CreateClient());
        var theirs = await stranger.SubmitReportAsync();
        await owner.SayAsync($"message {reference} Are you somewhere safe right now?");

        var answered = await reporter.SayAsync($"reply {reference} no hes waitng outside my flat rn");
        var guessed = await reporter.SayAsync($"reply {theirs} he knows where i live");

        Assert.Contains(BotApp.UrgentHelp, answered[0], StringComparison.Ordinal);
        Assert.Contains(answered, a => a.StartsWith($"Your reply is saved in {reference}", StringComparison.Ordinal));
        Assert.True((await blobs.CaseAsync(reference)).SafetyConcern);
        Assert.Contains(BotApp.UrgentHelp, guessed[0], StringComparison.Ordinal);
        Assert.False((await blobs.CaseAsync(theirs)).SafetyConcern);
    }

    [Fact]
    public async Task A_denial_of_danger_is_not_read_as_danger_while_not_feeling_safe_still_gets_help()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAsync("report");

        foreach (var denial in new[] { "I don't feel unsafe at work, just uncomfortable when hes around", "he didnt threaten me, he kept going on about my work in front of everyone", "im not in any danger, its more that it keeps happening" })
        {
            var replies = await chat.SayAsync(denial);
            Assert.NotEmpty(replies);
            Assert.DoesNotContain(replies, r => r.Contains(BotApp.UrgentHelp, StringComparison.Ordinal));
        }

        var upset = await chat.SayAsync("not in danger, just upset");
        Assert.Contains(upset, r => r == Text[TextKey.FeelingUpset1] || r == Text[TextKey.FeelingUpset2]);
        Assert.DoesNotContain(upset, r => r.Contains(BotApp.UrgentHelp, StringComparison.Ordinal));
        foreach (var danger in new[] { "I'm not safe", "I don't feel safe", "not ok, he's outside", "he didn't threaten me, he said he knows where I live" })
        {
            Assert.Contains(BotApp.UrgentHelp, (await chat.SayAsync(danger))[0], StringComparison.Ordinal);
        }
    }

    /// <summary>The acknowledgement deadline once the flag has reached the case (applied after the turn's commit).</summary>
    private static async Task<DateTimeOffset> AcknowledgeDueAsync(CaseBlobs blobs, string reference)
    {
        await Eventually.UntilAsync(async () => (await blobs.CaseAsync(reference)).SafetyConcern);
        return (await blobs.CaseAsync(reference)).Deadlines.Single(d => d.Kind == DeadlineKind.Acknowledge).Due;
    }
}
