using IntakeBot.Cases.Answers;
using IntakeBot.Cases;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Conversation;

public sealed class ReportIntakeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private BotApp _app = null!;
    private CaseBlobs _blobs = null!;

    public Task InitializeAsync()
    {
        _app = new BotApp(azurite);
        _ = _app.Services;
        _blobs = new CaseBlobs(azurite, _app);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_full_intake_is_submitted_as_a_highly_confidential_case_with_every_answer_and_its_transcript()
    {
        var chat = new TeamsChat(_app);

        await chat.SayAllAsync(Intake.UpToReview());
        var receipt = string.Join("\n", await chat.SayAsync("submit"));

        var reference = Receipt.ReferenceIn(receipt);
        Assert.Matches("^IR-[0-9A-HJKMNP-TV-Z]{8}$", reference);
        Assert.Contains(BotApp.FaqUrl, receipt, StringComparison.Ordinal);
        var record = await _blobs.CaseAsync(reference);
        Assert.Equal(CaseStatus.Submitted, record.Status);
        Assert.Equal(CaseKind.SelfReport, record.Kind);
        Assert.Equal(Classification.HighlyConfidential, record.Classification);
        Assert.Equal(BotApp.DefaultOwner, record.Owner);
        Assert.Equal(chat.AadObjectId, record.Reporter!.AadObjectId);
        Assert.Equal(["He shouted at me in the stand-up meeting", "It happened again the next day"], record.Answers.WhatHappened);
        Assert.Equal("Last Tuesday morning", record.Answers.When);
        Assert.Equal(YesNoAnswer.No, record.Answers.StillHappening);
        Assert.Equal(SettingAnswer.Online, record.Answers.SettingChoice);
        Assert.Equal("The team's Teams meeting", record.Answers.Place);
        Assert.Equal("My team lead", record.Answers.WhoWasInvolved);
        Assert.Equal("Two colleagues", record.Answers.Witnesses);
        Assert.Equal("I feel anxious before meetings", record.Answers.Impact);
        Assert.Equal("I would like to talk to someone", record.Answers.AnythingElse);
        Assert.Equal("A Teams chat is fine", record.Answers.Contact);
        Assert.Equal(Classification.HighlyConfidential, (await _blobs.MetadataAsync($"{reference}/case.json"))["classification"]);
        Assert.Equal(Classification.HighlyConfidential, (await _blobs.MetadataAsync($"{reference}/transcript.jsonl"))["classification"]);

        var transcript = await _blobs.TranscriptAsync(reference);
        var said = transcript.Where(e => e.Direction == TranscriptDirection.In).Select(e => e.Text).ToList();
        Assert.Equal([.. Intake.UpToReview(), "submit"], said);
        Assert.Contains(transcript, e => e.Direction == TranscriptDirection.Out && e.Text == receipt);
        Assert.Equal(transcript.OrderBy(e => e.At).Select(e => e.At), transcript.Select(e => e.At));
    }

    [Fact]
    public async Task Until_it_is_submitted_a_draft_is_kept_in_the_conversation_and_no_case_exists()
    {
        var chat = new TeamsChat(_app);

        await chat.SayAsync("report");
        await chat.SayAsync("Something happened at the offsite");

        Assert.Empty(await _blobs.CaseBlobNamesAsync());
        var draft = await _blobs.DraftAsync();
        Assert.Matches("^IR-[0-9A-Z]{8}$", draft.CaseReference);
        Assert.Equal(["Something happened at the offsite"], draft.Answers.WhatHappened);
        Assert.Equal(["report", "Something happened at the offsite"], draft.PendingTranscript.Where(e => e.Direction == TranscriptDirection.In).Select(e => e.Text));
    }

    [Fact]
    public async Task The_account_takes_as_many_messages_as_needed_and_done_with_nothing_yet_asks_again_kindly()
    {
        var chat = new TeamsChat(_app);
        await chat.SayAsync("report");

        var early = await chat.SayAsync("done");
        Assert.Contains(early, r => r.Contains("nothing in this part yet", StringComparison.Ordinal));

        Assert.Contains(await chat.SayAsync("one"), r => r.StartsWith("Noted.", StringComparison.Ordinal));
        var laterAcknowledgements = new[] { await chat.SayAsync("two"), await chat.SayAsync("three") }.Select(r => r[^1]).ToList();
        Assert.Equal(laterAcknowledgements.Count, laterAcknowledgements.Distinct().Count());

        var next = await chat.SayAsync("done");
        Assert.Contains(next, r => r.StartsWith("Is there anything else about what was said or done", StringComparison.Ordinal));
        Assert.Equal(["one", "two", "three"], (await _blobs.DraftAsync()).Answers.WhatHappened);
    }

    [Fact]
    public async Task Optional_questions_can_be_skipped_and_required_ones_ask_again_without_pressure()
    {
        var chat = new TeamsChat(_app);
        await chat.SayAllAsync("report", "It happened", "done", "skip", "It happened to me");

        var whenSkipped = await chat.SayAsync("skip");
        // One message, which says why the answer helps and that a rough idea is fine; no second
        // "I didn't receive any words" and nothing that presses.
        var asked = Assert.Single(whenSkipped);
        Assert.Contains("needs an answer", asked, StringComparison.Ordinal);
        Assert.DoesNotContain("hold together", asked, StringComparison.OrdinalIgnoreCase);

        await chat.SayAllAsync("Yesterday", "No", "Yes", "In person");
        await chat.SayAllAsync("skip", "skip", "skip", "skip", "skip", "skip");
        var review = await chat.SayAsync("Please don't contact me");

        Assert.Contains(review, r => r.StartsWith("Here is your report", StringComparison.Ordinal));
        var answers = (await _blobs.DraftAsync()).Answers;
        Assert.Equal("Yesterday", answers.When);
        Assert.Null(answers.Place);
        Assert.Null(answers.WhoWasInvolved);
        Assert.Null(answers.Witnesses);
        Assert.Null(answers.Impact);
        Assert.Null(answers.AnythingElse);
        Assert.True(answers.NoContact);
    }

    [Fact]
    public async Task Editing_a_section_from_the_review_replaces_only_that_answer_and_returns_to_the_review()
    {
        var chat = new TeamsChat(_app);
        await chat.SayAllAsync(Intake.UpToReview());

        var sections = await chat.SendAsync("edit");
        Assert.Contains(sections[^1].Attachments, a => a.ContentType == "application/vnd.microsoft.card.adaptive");
        var shown = await chat.SayAsync("When");
        Assert.Contains(shown, r => r.Contains("Last Tuesday morning", StringComparison.Ordinal));
        var review = await chat.SayAsync("Last Wednesday, around 10");

        Assert.Contains(review, r => r.StartsWith("Here is your report", StringComparison.Ordinal));
        var answers = (await _blobs.DraftAsync()).Answers;
        Assert.Equal("Last Wednesday, around 10", answers.When);
        Assert.Equal("My team lead", answers.WhoWasInvolved);
        Assert.Equal(2, answers.WhatHappened.Count);
    }

    [Fact]
    public async Task Discarding_asks_first_keeps_the_draft_when_the_person_changes_their_mind_and_deletes_everything_when_they_confirm()
    {
        var chat = new TeamsChat(_app);
        await chat.SayAllAsync(Intake.UpToReview());

        Assert.Contains(await chat.SayAsync("discard"), r => r.StartsWith("Discarding deletes", StringComparison.Ordinal));
        var kept = await chat.SayAsync("Keep it");
        Assert.Contains(kept, r => r.StartsWith("Your draft is kept", StringComparison.Ordinal));
        Assert.Equal("My team lead", (await _blobs.DraftAsync()).Answers.WhoWasInvolved);

        await chat.SayAsync("discard");
        var gone = await chat.SayAsync("Delete it");

        Assert.Contains(gone, r => r.StartsWith("Your draft has been deleted", StringComparison.Ordinal));
        Assert.Empty(await _blobs.CaseBlobNamesAsync());
        Assert.Contains(await chat.SayAsync("hello again"), r => r.StartsWith("Hi, I'm IntakeBot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pause_keeps_everything_and_after_a_restart_any_message_picks_up_at_the_same_question()
    {
        var chat = new TeamsChat(_app);
        await chat.SayAllAsync("report", "It happened at the party", "done", "skip", "It happened to me", "Friday night");
        var paused = await chat.SayAsync("pause");
        Assert.Contains(paused, r => r.StartsWith("Paused.", StringComparison.Ordinal));

        await _app.DisposeAsync();
        await using var restarted = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Storage:CasesContainer"] = _app.CasesContainer,
            ["Storage:StateContainer"] = _app.StateContainer,
        });
        var later = new TeamsChat(restarted, chat.AadObjectId, conversationId: chat.ConversationId);

        var back = await later.SayAsync("hi again");
        Assert.StartsWith("Welcome back", back[0], StringComparison.Ordinal);
        Assert.Equal("Is it still going on?", back[^1]);
        await later.SayAllAsync("No", "Yes", "Online", "skip", "skip", "skip", "skip", "skip", "skip");
        await later.SayAllAsync("Teams is fine", "skip");
        var receipt = string.Join("\n", await later.SayAsync("submit"));

        var record = await new CaseBlobs(azurite, restarted).CaseAsync(Receipt.ReferenceIn(receipt));
        Assert.Equal(["It happened at the party"], record.Answers.WhatHappened);
        Assert.Equal("Friday night", record.Answers.When);
        _app = restarted;
    }

    [Theory]
    [InlineData("help", "While we go through your report")]
    [InlineData("report", "You already have a report in progress")]
    [InlineData("submit", "You'll be able to submit once we reach the review")]
    public async Task Words_said_in_the_middle_of_the_intake_are_answered_and_the_same_question_is_asked_again(string word, string answer)
    {
        var chat = new TeamsChat(_app);
        await chat.SayAllAsync("report", "It happened", "done", "skip", "It happened to me");

        var replies = await chat.SayAsync(word);

        Assert.StartsWith(answer, replies[0], StringComparison.Ordinal);
        Assert.StartsWith("When did it happen?", replies[^1], StringComparison.Ordinal);
        await chat.SayAsync("Monday");
        Assert.Equal("Monday", (await _blobs.DraftAsync()).Answers.When);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("")]
    public async Task An_empty_message_gets_a_kind_reply_and_the_question_again(string blank)
    {
        var chat = new TeamsChat(_app);
        await chat.SayAllAsync("report", "It happened", "done", "skip", "It happened to me");

        var replies = await chat.SayAsync(blank);

        Assert.Contains(replies, r => r.StartsWith("I didn't receive any words", StringComparison.Ordinal));
        Assert.Contains(replies, r => r.Contains("When did it happen?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_too_long_to_keep_is_refused_kindly_and_nothing_said_before_is_lost()
    {
        var chat = new TeamsChat(_app);
        await chat.SayAllAsync("report", "The first part of what happened");

        var replies = await chat.SayAsync(new string('x', 30_000));

        Assert.Contains(replies, r => r.Contains("longer than I can keep", StringComparison.Ordinal) && r.Contains("30000", StringComparison.Ordinal));
        await chat.SayAsync("The second part");
        Assert.Equal(["The first part of what happened", "The second part"], (await _blobs.DraftAsync()).Answers.WhatHappened);
    }

    [Fact]
    public async Task A_newcomers_first_message_is_answered_with_the_offer_to_report_and_unknown_commands_with_what_works()
    {
        var chat = new TeamsChat(_app);

        var first = await chat.SendAsync("hello there, can you help me?");
        Assert.StartsWith("Hi, I'm IntakeBot", first[0].Text, StringComparison.Ordinal);
        Assert.Equal(["report", "help"], first[0].SuggestedActions.Actions.Select(a => a.Title));

        Assert.StartsWith("I didn't recognise that", (await chat.SayAsync("frobnicate"))[0], StringComparison.Ordinal);
        Assert.StartsWith("There's no report in progress", (await chat.SayAsync("submit"))[0], StringComparison.Ordinal);
        Assert.Empty(await _blobs.CaseBlobNamesAsync());
    }

    [Theory]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task Outside_a_personal_chat_the_bot_points_to_1_1_chat_and_keeps_nothing(string conversationType)
    {
        var chat = new TeamsChat(_app, conversationType: conversationType);

        var replies = await chat.SayAsync("report: my manager yelled at me");

        Assert.StartsWith("Hi! I only chat one-to-one.", Assert.Single(replies), StringComparison.Ordinal);
        Assert.DoesNotContain("report", replies[0], StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await _blobs.CaseBlobNamesAsync());
        Assert.Equal(0, await _blobs.StateBlobCountAsync());
    }

    [Fact]
    public async Task A_message_without_an_aad_object_id_is_answered_and_nothing_is_kept()
    {
        var chat = new TeamsChat(_app, aadObjectId: string.Empty);

        var replies = await chat.SayAsync("report");

        Assert.StartsWith("I couldn't tell which account", Assert.Single(replies), StringComparison.Ordinal);
        Assert.Equal(0, await _blobs.StateBlobCountAsync());
    }
}
