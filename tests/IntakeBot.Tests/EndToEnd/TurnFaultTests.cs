using System.Net;
using System.Text;
using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>Faults as a channel really produces them, over real HTTP on Azurite: a redelivery while
/// the first delivery is still running, and a reply the connector refuses.</summary>
public sealed class TurnFaultTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_redelivery_while_the_first_is_stalled_in_a_download_stores_one_file_one_transcript_line_and_says_nothing_misleading()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Evidence:AllowedHosts:0"] = "127.0.0.1",
            ["Evidence:AllowLoopbackHttp"] = "true",
        });
        var chat = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var upToReview = Intake.UpToReview();
        await chat.SayAllAsync(upToReview[..Array.IndexOf(upToReview, "skip")]);
        var activity = JObject.Parse(chat.Next(string.Empty));
        activity["attachments"] = new JArray(HttpChat.UploadedFile("notes.pdf", connector.ServeStalled("notes.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\nnotes\n%%EOF"))));
        var json = activity.ToString(Formatting.None);

        var first = chat.PostAsync(json);
        await connector.WaitForDownloadsAsync(1, Patience);
        var again = chat.PostAsync(json);
        await connector.WaitForDownloadsAsync(1, Patience);
        connector.ReleaseDownloads();
        var replies = await Task.WhenAll(RepliesAsync(await first), RepliesAsync(await again));

        var blobs = new CaseBlobs(azurite, app);
        var draft = await blobs.DraftAsync();
        Assert.StartsWith($"{draft.CaseReference}/evidence/", Assert.Single(await blobs.CaseBlobNamesAsync()), StringComparison.Ordinal);
        Assert.Single(draft.Evidence);
        var transcript = draft.PendingTranscript;
        Assert.Single(transcript, e => e.Type == "evidence");
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.ActivityId == activity.Value<string>("id"));
        Assert.Single(replies, r => r.Any(t => t.Contains("notes.pdf", StringComparison.Ordinal)));
        Assert.Single(replies, r => r.Count == 0);
    }

    [Fact]
    public async Task A_reply_the_connector_refuses_loses_nothing_repeats_nothing_and_stays_out_of_the_transcript()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        await chat.SayAllAsync("report", "first part");

        connector.FailNextReplies(1);
        var sent = connector.Sent.Count;
        var response = await chat.PostAsync(chat.Next("second part", expectReplies: false));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sent, connector.Sent.Count);
        var next = await chat.SayAsync("done");

        Assert.Contains(next, r => r.StartsWith("Is there anything else about what was said or done", StringComparison.Ordinal));
        var draft = await new CaseBlobs(azurite, app).DraftAsync();
        Assert.Equal(["first part", "second part"], draft.Answers.WhatHappened);
        var transcript = draft.PendingTranscript;
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "second part");
        var afterSecond = transcript.SkipWhile(e => e.Text != "second part").Skip(1).TakeWhile(e => e.Direction == TranscriptDirection.Out).ToList();
        Assert.Empty(afterSecond);
    }

    [Fact]
    public async Task A_message_sent_again_because_its_reply_never_arrived_is_kept_once_and_the_question_is_shown_again_once()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        await chat.SayAllAsync("report", "first part");
        connector.FailNextReplies(1);
        Assert.Equal(HttpStatusCode.OK, (await chat.PostAsync(chat.Next("second part", expectReplies: false))).StatusCode);

        var again = await chat.SayAsync("second part");
        var next = await chat.SayAsync("done");

        Assert.StartsWith("I have that message already", again[0], StringComparison.Ordinal);
        Assert.Single(again, r => r.StartsWith("Tell me what happened", StringComparison.Ordinal));
        Assert.Contains(next, r => r.StartsWith("Is there anything else about what was said or done", StringComparison.Ordinal));
        var draft = await new CaseBlobs(azurite, app).DraftAsync();
        Assert.Equal(["first part", "second part"], draft.Answers.WhatHappened);
        Assert.Equal(2, draft.PendingTranscript.Count(e => e.Direction == TranscriptDirection.In && e.Text == "second part"));
    }

    [Fact]
    public async Task The_error_reply_a_person_saw_is_in_the_transcript_with_the_message_it_answered()
    {
        var gate = new StateWriteGate();
        await using var app = new BotApp(azurite, services: gate.Install);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAsync("report");

        // Its commit loses at every run, as to other messages arriving at the same moment each time.
        gate.ConflictNextWrites(IntakeBot.Bot.TurnCommit.Attempts);
        var told = Assert.Single(await chat.SayAsync("The first thing"));

        var transcript = (await new CaseBlobs(azurite, app).DraftAsync()).PendingTranscript;
        Assert.StartsWith("Two of your messages arrived at the same moment", told, StringComparison.Ordinal);
        // The other may have been this message delivered again: only "not known yet" is true.
        Assert.Contains("can't tell yet whether your last one was saved", told, StringComparison.Ordinal);
        var said = transcript.FindIndex(e => e.Direction == TranscriptDirection.In && e.Text == "The first thing");
        Assert.True(said >= 0);
        Assert.Equal(told, transcript[said + 1].Text);
        Assert.Single(transcript, e => e.Text == told);
    }

    private static async Task<IReadOnlyList<string>> RepliesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? [] : [.. ((JArray?)JObject.Parse(body)["activities"] ?? []).Select(a => a.Value<string>("text") ?? string.Empty)];
    }
}
