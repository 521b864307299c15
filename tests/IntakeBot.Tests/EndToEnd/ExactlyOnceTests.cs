using IntakeBot.Bot;
using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>What a person sends is kept exactly once when its delivery is repeated while the first one
/// is still applying it, and when storage keeps a state write but answers it with a failure (as it does
/// while it restarts): no transcript line twice, and nobody is told a message was not saved when it was.
/// Real HTTP on Azurite.</summary>
public sealed class ExactlyOnceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_owners_message_delivered_again_while_the_first_delivery_writes_it_is_in_the_transcript_once()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var faults = new FailingCaseStore();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Intake:DefaultOwner"] = ownerId, ["Intake:Responders:0"] = ownerId }, faults.Install);
        var (owner, _, reference) = await CommitThenApplyChangesTests.SubmittedAsync(azurite, app, connector, ownerId);
        var said = $"message {reference} could we tlak on tuesday after lunch?";
        var json = owner.Next(said);

        // The first delivery commits, answers, and stops just before it appends its lines.
        faults.HoldNextTranscript();
        var first = owner.PostAsync(json);
        await faults.HeldAsync(Patience);

        // The redelivery finds the change committed, writes it and takes it out of the state.
        using (var again = await owner.PostAsync(json))
        {
            again.EnsureSuccessStatusCode();
        }

        var blobs = new CaseBlobs(azurite, app);
        Assert.Single(await blobs.TranscriptAsync(reference), e => e.Direction == TranscriptDirection.In && e.Text == said);
        faults.Release();
        using (var answered = await first)
        {
            answered.EnsureSuccessStatusCode();
        }

        await UntilAsync(async () => (await blobs.OutboxAsync()).Count == 0);
        Assert.Single((await blobs.CaseAsync(reference)).Messages, m => m.Text == "could we tlak on tuesday after lunch?");
        Assert.Single(await blobs.TranscriptAsync(reference), e => e.Direction == TranscriptDirection.In && e.Text == said);
    }

    [Fact]
    public async Task A_submitted_cases_transcript_starts_with_what_the_reporter_said_even_when_its_owner_writes_before_the_submit_is_written()
    {
        var ownerId = Guid.NewGuid().ToString();
        var faults = new FailingCaseStore();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Intake:DefaultOwner"] = ownerId, ["Intake:Responders:0"] = ownerId }, faults.Install);
        var owner = new HttpChat(app.CreateClient(), ownerId);
        await owner.SayAsync("hello");
        var reporter = new HttpChat(app.CreateClient());
        await reporter.SayAllAsync(Intake.UpToReview());
        var blobs = new CaseBlobs(azurite, app);
        var reference = (await blobs.DraftAsync(reporter.ConversationId)).CaseReference!;

        // The submit commits and stops before its transcript is written (as a process killed there
        // does); meanwhile the owner writes to the reporter about the case.
        faults.HoldNextTranscript();
        var submit = reporter.PostAsync(reporter.Next("submit"));
        await faults.HeldAsync(Patience);
        await owner.SayAsync($"message {reference} could we talk on tuesday after lunch?");
        faults.Release();
        using (var submitted = await submit)
        {
            submitted.EnsureSuccessStatusCode();
        }

        await owner.SayAsync($"message {reference} could we talk on tuesday after lunch?");
        var transcript = await blobs.TranscriptAsync(reference);
        Assert.Equal("report", transcript.First(e => e.Direction == TranscriptDirection.In).Text);
        Assert.Contains(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "He shouted at me in the stand-up meeting");
    }

    [Fact]
    public async Task The_owner_is_told_of_a_case_whose_submit_was_committed_by_a_second_delivery_while_the_first_lost_to_it()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var gate = new StateWriteGate();
        var settings = new Dictionary<string, string?> { ["Intake:DefaultOwner"] = ownerId, ["Intake:Responders:0"] = ownerId, ["Notifications:FirstRetryDelayMilliseconds"] = "200" };
        await using var app = new BotApp(azurite, settings, gate.Install);
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
        await owner.SayAsync("hello");
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        await reporter.SayAllAsync(Intake.UpToReview());
        var reference = (await new CaseBlobs(azurite, app).DraftAsync(reporter.ConversationId)).CaseReference!;

        // The first delivery of "submit" waits at its commit; the channel delivers it again, and that
        // delivery commits the submit and its notice, which Teams refuses at first (502).
        connector.Unreach(owner.ConversationId);
        var json = reporter.Next("submit");
        gate.HoldNextWrite();
        var first = reporter.PostAsync(json);
        await gate.HeldAsync(Patience);
        using (var second = await reporter.PostAsync(json))
        {
            second.EnsureSuccessStatusCode();
        }

        await UntilAsync(() => Task.FromResult(connector.RefusedTo(owner.ConversationId) > 0));

        // The first delivery loses to it, runs again, and finds the activity committed.
        gate.Release();
        using (var answered = await first)
        {
            answered.EnsureSuccessStatusCode();
        }

        connector.Reach(owner.ConversationId);
        await connector.WaitForSentAsync(a => a.Value<string>("text")?.Contains($"submitted to you. Reference: {reference}", StringComparison.Ordinal) == true, Patience);
    }

    [Fact]
    public async Task An_owners_message_whose_audit_entry_was_not_written_after_the_case_write_is_audited_once_by_their_next_message()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var faults = new FailingCaseStore();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Intake:DefaultOwner"] = ownerId, ["Intake:Responders:0"] = ownerId }, faults.Install);
        var (owner, _, reference) = await CommitThenApplyChangesTests.SubmittedAsync(azurite, app, connector, ownerId);

        // The case is written with the message; the process stops (here: storage fails) before the audit entry.
        faults.FailNextAudit();
        await owner.SayAsync($"message {reference} could we tlak on tuesday after lunch?");
        var blobs = new CaseBlobs(azurite, app);
        Assert.Single((await blobs.CaseAsync(reference)).Messages, m => m.Text == "could we tlak on tuesday after lunch?");

        await owner.SayAsync("cases");
        await owner.SayAsync("my cases pls");

        Assert.Single(await blobs.AuditAsync(reference), e => e.Action == AuditAction.Message && e.Detail == CaseMessage.FromOwner);
    }

    [Fact]
    public async Task An_answer_whose_state_write_lands_and_then_fails_is_answered_as_kept_and_kept_once()
    {
        var stateContainer = $"state-{Guid.NewGuid():N}"[..18];
        var fault = new LandedStateWrite(stateContainer);
        await using var app = new BotApp(azurite);
        await using var faulty = new BotApp(azurite, new Dictionary<string, string?> { ["Storage:StateContainer"] = stateContainer }, s => fault.Install(azurite, s));
        var control = new HttpChat(app.CreateClient());
        var person = new HttpChat(faulty.CreateClient());
        string[] before = ["i want to report something", "he shouted at me in the stand up, infront of evryone"];
        const string Answer = "and again teh next day, same thing";
        await control.SayAllAsync(before);
        await person.SayAllAsync(before);
        var expected = await control.SayAsync(Answer);

        fault.ArmNextWrite();
        var shown = await person.SayAsync(Answer);

        Assert.Equal(1, fault.Landed);
        Assert.Equal(expected, shown);
        var draft = Assert.Single(await PendingTranscriptsAsync(new CaseBlobs(azurite, faulty)));
        Assert.Single(draft, e => e.Direction == TranscriptDirection.In && e.Text == Answer);
        Assert.DoesNotContain(draft, e => e.Text?.Contains("couldn't save", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_answer_whose_state_write_lands_as_storage_stops_answering_is_not_called_lost_and_sent_again_is_kept_once()
    {
        var stateContainer = $"state-{Guid.NewGuid():N}"[..18];
        var fault = new LandedStateWrite(stateContainer);
        var settings = new Dictionary<string, string?> { ["Storage:StateContainer"] = stateContainer, ["Storage:ReadBackMilliseconds"] = "0", ["Storage:MaxRetries"] = "0" };
        await using var app = new BotApp(azurite, settings, s => fault.Install(azurite, s));
        var person = new HttpChat(app.CreateClient());
        await person.SayAllAsync("report", "he shouted at me in the stand up, infront of evryone");

        fault.ArmNextWrite(thenUnreadable: true);
        var shown = await person.SayAsync("and again teh next day, same thing");
        Assert.Contains(shown, r => r.Contains("can't tell yet whether your last message was saved", StringComparison.Ordinal));
        Assert.DoesNotContain(shown, r => r.Contains("couldn't save", StringComparison.Ordinal));

        // Storage answers again; the person sends the same words again, as they were asked to.
        fault.Readable();
        var unconfirmed = app.Services.GetRequiredService<UnconfirmedTurns>();
        await UntilAsync(() => Task.FromResult(unconfirmed.Count == 0));
        var again = await person.SayAsync("and again teh next day, same thing");

        Assert.Equal(1, fault.Landed);
        Assert.StartsWith("I have that message already", again[0], StringComparison.Ordinal);
        var draft = await new CaseBlobs(azurite, app).DraftAsync();
        Assert.Equal(["he shouted at me in the stand up, infront of evryone", "and again teh next day, same thing"], draft.Answers.WhatHappened);
    }

    [Fact]
    public async Task A_message_delivered_again_while_storage_cannot_be_read_is_not_called_lost_when_its_first_delivery_kept_it()
    {
        var stateContainer = $"state-{Guid.NewGuid():N}"[..18];
        var fault = new LandedStateWrite(stateContainer);
        var settings = new Dictionary<string, string?> { ["Storage:StateContainer"] = stateContainer, ["Storage:MaxRetries"] = "0" };
        await using var app = new BotApp(azurite, settings, s => fault.Install(azurite, s));
        var person = new HttpChat(app.CreateClient());
        await person.SayAllAsync(Intake.UpToReview()[..10]);
        const string Place = "in the big meeting room on the 3rd floor";
        var json = person.Next(Place);
        using (var first = await person.PostAsync(json))
        {
            first.EnsureSuccessStatusCode();
        }

        // The channel delivers it again (the first answer was slow) while storage is restarting.
        fault.Unreadable();
        using var again = await person.PostAsync(json);
        var shown = await RepliesAsync(again);
        Assert.Contains(shown, r => r.Contains("can't tell yet whether your last message was saved", StringComparison.Ordinal));
        Assert.DoesNotContain(shown, r => r.Contains("couldn't save", StringComparison.Ordinal));

        // Storage answers again, and the person sends the same words again, as they were asked to.
        fault.Readable();
        var resent = await person.SayAsync(Place);
        Assert.StartsWith("I have that message already", resent[0], StringComparison.Ordinal);
        var draft = await new CaseBlobs(azurite, app).DraftAsync();
        Assert.Equal(Place, draft.Answers.Place);
        Assert.Null(draft.Answers.WhoWasInvolved);
    }

    [Fact]
    public async Task The_same_answer_sent_again_within_minutes_is_kept_once_and_not_taken_for_the_next_question()
    {
        await using var app = new BotApp(azurite);
        var person = new HttpChat(app.CreateClient());
        await person.SayAllAsync(Intake.UpToReview()[..10]);
        const string Place = "in the big meeting room on the 3rd floor";
        var asked = await person.SayAsync(Place);

        // One delivery kept it and another told them it was not saved: they send it again.
        var resent = await person.SayAsync(Place);

        Assert.StartsWith("I have that message already", resent[0], StringComparison.Ordinal);
        Assert.Equal(asked[^1], resent[^1]);
        var draft = await new CaseBlobs(azurite, app).DraftAsync();
        Assert.Equal(Place, draft.Answers.Place);
        Assert.Null(draft.Answers.WhoWasInvolved);

        // Sent a third time, the same words are taken: the person means them.
        await person.SayAsync(Place);
        Assert.Equal(Place, (await new CaseBlobs(azurite, app).DraftAsync(person.ConversationId)).Answers.WhoWasInvolved);
    }

    [Fact]
    public async Task An_answer_sent_again_after_the_next_answer_is_recognised_and_not_taken_for_a_third_question()
    {
        await using var app = new BotApp(azurite);
        var person = new HttpChat(app.CreateClient());
        await person.SayAllAsync(Intake.UpToReview()[..10]);
        const string Place = "in the big meeting room on the 3rd floor";
        await person.SayAsync(Place);
        var asked = await person.SayAsync("my manager and his deputy");

        // Told by one delivery that the first was not saved, they send it again after answering the next question.
        var resent = await person.SayAsync(Place);

        Assert.StartsWith("I have that message already", resent[0], StringComparison.Ordinal);
        Assert.Equal(asked[^1], resent[^1]);
        var draft = await new CaseBlobs(azurite, app).DraftAsync(person.ConversationId);
        Assert.Equal(Place, draft.Answers.Place);
        Assert.Null(draft.Answers.Witnesses);
    }

    [Fact]
    public async Task A_short_answer_given_to_two_questions_in_a_row_is_taken_both_times()
    {
        await using var app = new BotApp(azurite);
        var person = new HttpChat(app.CreateClient());
        await person.SayAllAsync(Intake.UpToReview()[..12]);
        var first = await person.SayAsync("skip");
        var second = await person.SayAsync("skip");

        Assert.NotEqual(first[^1], second[^1]);
        Assert.DoesNotContain(second, r => r.StartsWith("I have that message already", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> RepliesAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        return [.. ((JArray?)body["activities"] ?? []).Select(a => a.Value<string>("text") ?? string.Empty)];
    }

    /// <summary>What each conversation's draft holds of what was said (a draft before its report starts has no reference yet).</summary>
    private static async Task<List<List<TranscriptEntry>>> PendingTranscriptsAsync(CaseBlobs blobs)
    {
        var found = new List<List<TranscriptEntry>>();
        await foreach (var blob in blobs.State.GetBlobsAsync())
        {
            var state = JObject.Parse((await blobs.State.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
            if (state["intakeDraft"] is JObject draft)
            {
                found.Add(draft.ToObject<IntakeDraft>()!.PendingTranscript);
            }
        }

        return found;
    }
}
