using IntakeBot.Cases;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>Changes to a submitted case (an owner's note, message or status, a reporter's addition and
/// its evidence) are decided, committed with the turn's state, and written to the case after the
/// commit, once: a delivery repeated while the first is still running, or a write that fails after the
/// commit, ends with each change in the case, its transcript and its notifications exactly once. And a
/// turn costs only the storage round trips it needs. Real HTTP on Azurite.</summary>
public sealed class CommitThenApplyChangesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static Dictionary<string, string?> Settings(string ownerId) => new()
    {
        ["Intake:DefaultOwner"] = ownerId,
        ["Intake:Responders:0"] = ownerId,
    };

    [Fact]
    public async Task A_note_and_a_message_delivered_again_while_the_first_delivery_runs_are_kept_once_and_the_reporter_is_told_once()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var gate = new StateWriteGate();
        await using var app = new BotApp(azurite, Settings(ownerId), gate.Install);
        var (owner, _, reference) = await SubmittedAsync(azurite, app, connector, ownerId);
        const string Note = "Spoke to the team lead";
        const string Message = "Could we talk on Tuesday?";

        foreach (var said in new[] { $"note {reference} {Note}", $"message {reference} {Message}" })
        {
            var json = owner.Next(said);
            gate.HoldNextWrite();
            var first = owner.PostAsync(json);
            await gate.HeldAsync(Patience);

            // Delivered again while the first waits at its commit: this one commits first.
            using var again = await owner.PostAsync(json);
            gate.Release();
            using var _ = await first;
        }

        var blobs = new CaseBlobs(azurite, app);
        var told = await connector.WaitForSentAsync(a => Text(a).Contains("new message about your report", StringComparison.Ordinal), Patience);
        await UntilAsync(async () => (await blobs.OutboxAsync()).Count == 0);
        var record = await blobs.CaseAsync(reference);
        Assert.Equal([Note], record.Notes.Select(n => n.Text));
        Assert.Equal([Message], record.Messages.Select(m => m.Text));
        Assert.Single(connector.Sent, s => Text(s.Activity).Contains("new message about your report", StringComparison.Ordinal));
        Assert.Single(await blobs.TranscriptAsync(reference), e => e.Direction == TranscriptDirection.In && e.Text == $"message {reference} {Message}");
    }

    [Fact]
    public async Task An_owners_note_whose_write_fails_after_the_commit_is_written_once_by_their_next_message()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var faults = new FailingCaseStore();
        await using var app = new BotApp(azurite, Settings(ownerId), faults.Install);
        var (owner, _, reference) = await SubmittedAsync(azurite, app, connector, ownerId);

        faults.FailNextUpdate();
        var noted = await owner.SayAsync($"note {reference} Spoke to the team lead");
        Assert.StartsWith($"Note added to {reference}", noted[0], StringComparison.Ordinal);
        var blobs = new CaseBlobs(azurite, app);
        Assert.Empty((await blobs.CaseAsync(reference)).Notes);

        await owner.SayAsync("cases");
        await owner.SayAsync("cases");

        Assert.Equal(["Spoke to the team lead"], (await blobs.CaseAsync(reference)).Notes.Select(n => n.Text));
    }

    [Fact]
    public async Task A_reporters_reply_delivered_again_while_the_first_delivery_runs_is_kept_once_and_the_owner_is_told_once()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var gate = new StateWriteGate();
        await using var app = new BotApp(azurite, Settings(ownerId), gate.Install);
        var (owner, reporter, reference) = await SubmittedAsync(azurite, app, connector, ownerId);
        await owner.SayAsync($"message {reference} Could we talk on Tuesday?");
        var blobs = new CaseBlobs(azurite, app);
        await UntilAsync(async () => (await blobs.OutboxAsync()).Count == 0);

        var json = reporter.Next($"reply {reference} Yes, after lunch");
        gate.HoldNextWrite();
        var first = reporter.PostAsync(json);
        await gate.HeldAsync(Patience);

        // Delivered again while the first waits at its commit: this one commits first.
        using var again = await reporter.PostAsync(json);
        gate.Release();
        using var _ = await first;

        await connector.WaitForSentAsync(a => Text(a).Contains("has replied about", StringComparison.Ordinal), Patience);
        await UntilAsync(async () => (await blobs.OutboxAsync()).Count == 0);
        Assert.Equal(["Yes, after lunch"], (await blobs.CaseAsync(reference)).Messages.Where(m => m.From == "reporter").Select(m => m.Text));
        Assert.Single(connector.Sent, s => Text(s.Activity).Contains("has replied about", StringComparison.Ordinal));
        Assert.Single(await blobs.TranscriptAsync(reference), e => e.Direction == TranscriptDirection.In && e.Text == $"reply {reference} Yes, after lunch");
    }

    [Fact]
    public async Task A_reporters_reply_whose_write_fails_after_the_commit_is_written_once_by_their_next_message()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var faults = new FailingCaseStore();
        await using var app = new BotApp(azurite, Settings(ownerId), faults.Install);
        var (owner, reporter, reference) = await SubmittedAsync(azurite, app, connector, ownerId);
        await owner.SayAsync($"message {reference} Could we talk on Tuesday?");

        faults.FailNextUpdate();
        var replied = await reporter.SayAsync($"reply {reference} Yes, after lunch");
        Assert.StartsWith($"Your reply is saved in {reference}", replied[0], StringComparison.Ordinal);
        var blobs = new CaseBlobs(azurite, app);
        Assert.DoesNotContain((await blobs.CaseAsync(reference)).Messages, m => m.From == "reporter");

        await reporter.SayAsync("my reports");
        await reporter.SayAsync("my reports");

        Assert.Equal(["Yes, after lunch"], (await blobs.CaseAsync(reference)).Messages.Where(m => m.From == "reporter").Select(m => m.Text));
    }

    [Fact]
    public async Task An_additions_transcript_lines_survive_a_failed_write_after_the_commit_and_the_next_turn_writes_them_once()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var faults = new FailingCaseStore();
        await using var app = new BotApp(azurite, Settings(ownerId), faults.Install);
        var (_, reporter, reference) = await SubmittedAsync(azurite, app, connector, ownerId);
        await reporter.SayAsync($"add to {reference}");

        faults.FailNextTranscript();
        await reporter.SayAsync("It happened again today");
        var blobs = new CaseBlobs(azurite, app);
        Assert.DoesNotContain(await blobs.TranscriptAsync(reference), e => e.Text == "It happened again today");

        await reporter.SayAsync("done");
        await reporter.SayAsync("my reports");

        var transcript = await blobs.TranscriptAsync(reference);
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "It happened again today");
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.Out && e.Text!.StartsWith("Added to", StringComparison.Ordinal));
        Assert.Equal(["It happened again today"], (await blobs.CaseAsync(reference)).Additions.Select(a => a.Text));
    }

    [Fact]
    public async Task An_intake_answer_costs_one_read_and_one_write_of_the_conversations_state_and_nothing_in_the_cases()
    {
        var requests = new StorageRequests();
        await using var app = new BotApp(azurite, services: s => requests.Install(azurite, s));
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "He shouted at me in the stand-up meeting");

        var mark = requests.Count;
        await chat.SayAsync("It happened again the next day");

        Assert.Equal(["GET", "PUT"], requests.Since(mark, StateBlob(app, chat)).Select(r => r.Split(' ')[0]));
        // Case blobs only: the app's own background passes (index, reminders, retention) query the
        // container on their own schedule, whatever the turn does.
        Assert.Empty(requests.Since(mark, $"/{app.CasesContainer}/IR-"));
    }

    [Fact]
    public async Task Two_messages_at_once_read_the_state_once_more_for_the_one_that_runs_again_and_once_more_before_an_error_reply()
    {
        var requests = new StorageRequests();
        var gate = new StateWriteGate();
        await using var app = new BotApp(azurite, services: s =>
        {
            requests.Install(azurite, s);
            gate.Install(s);
        });
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAsync("report");

        var mark = requests.Count;
        gate.HoldNextWrite();
        var first = chat.SayAsync("The first thing");
        await gate.HeldAsync(Patience);
        await chat.SayAsync("The second thing");
        gate.Release();
        Assert.DoesNotContain(await first, r => r.StartsWith("Two of your messages", StringComparison.Ordinal));

        // Each turn reads once; the refused one reads the newest state once more and commits on it.
        var state = requests.Since(mark, StateBlob(app, chat)).Select(r => r.Split(' ')[0]).ToList();
        Assert.Equal(3, state.Count(m => m == "GET"));
        Assert.Equal(3, state.Count(m => m == "PUT"));
        Assert.Equal(["The second thing", "The first thing"], (await new CaseBlobs(azurite, app).DraftAsync()).Answers.WhatHappened);

        // Refused at every run: read before each run and once more to tell a redelivery, and the error
        // reply recorded on that last read. The turn is then settled as an unknown commit is, which reads
        // the state once a second: one more read when its first check comes before the count.
        mark = requests.Count;
        gate.ConflictNextWrites(IntakeBot.Bot.TurnCommit.Attempts);
        Assert.StartsWith("Two of your messages arrived at the same moment", Assert.Single(await chat.SayAsync("The third thing")), StringComparison.Ordinal);
        state = requests.Since(mark, StateBlob(app, chat)).Select(r => r.Split(' ')[0]).ToList();
        Assert.InRange(state.Count(m => m == "GET"), IntakeBot.Bot.TurnCommit.Attempts + 1, IntakeBot.Bot.TurnCommit.Attempts + 2);
        Assert.Equal(1, state.Count(m => m == "PUT"));
        Assert.Single((await new CaseBlobs(azurite, app).DraftAsync()).PendingTranscript, e => e.Text!.StartsWith("Two of your messages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evidence_during_an_intake_is_stored_without_touching_a_case_file_that_does_not_exist_yet()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var requests = new StorageRequests();
        await using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Evidence:AllowedHosts:0"] = "127.0.0.1",
            ["Evidence:AllowLoopbackHttp"] = "true",
        }, s => requests.Install(azurite, s));
        var chat = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var upToReview = Intake.UpToReview();
        await chat.SayAllAsync(upToReview[..Array.IndexOf(upToReview, "skip")]);
        connector.ReleaseDownloads();

        var mark = requests.Count;
        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile("notes.pdf", connector.ServeStalled("notes.pdf", "%PDF-1.7\nnotes\n%%EOF"u8.ToArray()))]);

        Assert.Contains(replies, r => r.Contains("notes.pdf", StringComparison.Ordinal));
        Assert.Empty(requests.Since(mark, "/case.json"));
        Assert.Single((await new CaseBlobs(azurite, app).DraftAsync()).Evidence);
    }

    [Fact]
    public async Task Reading_a_case_with_nothing_new_in_it_writes_nothing_to_the_case_file()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var requests = new StorageRequests();
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId), s => requests.Install(azurite, s));
        var (_, reporter, reference) = await SubmittedAsync(azurite, app, connector, ownerId);

        var mark = requests.Count;
        var view = await reporter.ExchangeAsync($"view {reference}");

        Assert.Contains(reference, Assert.Single(view).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(requests.Since(mark, $"{reference}/case.json"), r => r.StartsWith("PUT", StringComparison.Ordinal));
    }

    private static string StateBlob(BotApp app, HttpChat chat)
        => $"/{app.StateContainer}/{BlobStateStorage.BlobNameOf($"msteams/conversations/{chat.ConversationId}")}";

    private static string Text(JObject activity) => activity.Value<string>("text") ?? string.Empty;

    /// <summary>A submitted case whose owner has said hello (so that the bot can write to them) and has
    /// been told of it, with nothing left in the outbox.</summary>
    internal static async Task<(HttpChat Owner, HttpChat Reporter, string Reference)> SubmittedAsync(AzuriteFixture azurite, BotApp app, ConnectorStub connector, string ownerId)
    {
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
        await owner.SayAsync("hello");
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var reference = await reporter.SubmitReportAsync();
        await connector.WaitForSentAsync(a => Text(a).Contains(reference, StringComparison.Ordinal), Patience);
        var blobs = new CaseBlobs(azurite, app);
        await UntilAsync(async () => (await blobs.OutboxAsync()).Count == 0);
        return (owner, reporter, reference);
    }
}
