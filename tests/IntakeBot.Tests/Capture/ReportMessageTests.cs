using System.Net;
using System.Security.Cryptography;
using System.Text;
using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Capture;

/// <summary>"Report this message" over real HTTP to /api/messages, with the test connector on
/// 127.0.0.1 taking the proactive 1:1 messages, and Azurite for state and evidence.</summary>
public sealed class ReportMessageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Words = "You will regret speaking up in that meeting";

    private static string Html => $"<p>{Words}</p>";

    [Fact]
    public async Task Reporting_a_group_message_answers_the_invoke_posts_nothing_in_the_group_and_offers_a_report_in_private()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var group = $"19:group-{Guid.NewGuid():N}@thread.v2";

        var response = await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(Guid.NewGuid().ToString(), Html), connector.ServiceUrl, conversationId: group));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = JObject.Parse(await response.Content.ReadAsStringAsync())["task"]!;
        Assert.Equal("message", task.Value<string>("type"));
        Assert.StartsWith("Kept privately.", task.Value<string>("value"), StringComparison.Ordinal);
        Assert.DoesNotContain(connector.Sent, s => s.ConversationId == group);
        var (conversationId, offer) = Assert.Single(connector.Sent);
        Assert.Equal(connector.PrivateChatOf(person), conversationId);
        Assert.StartsWith("You kept a message with **Report this message**.", offer.Value<string>("text"), StringComparison.Ordinal);
        Assert.DoesNotContain(Words, offer.ToString(), StringComparison.Ordinal);
        Assert.Contains("1. Start a report with it as evidence", MessageAction.Buttons(offer));
        var blobs = new CaseBlobs(azurite, app);
        Assert.Empty(await blobs.CaseBlobNamesAsync());
        Assert.Single(await blobs.StateBlobsContainingAsync(Words));
    }

    [Fact]
    public async Task Starting_a_report_with_the_kept_message_and_submitting_it_leaves_a_hashed_evidence_blob_with_the_sender_and_the_text()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var sender = Guid.NewGuid().ToString();
        await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(sender, Html), connector.ServiceUrl));
        var chat = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));

        var lines = Intake.UpToReview();
        var started = await chat.SayAsync("Start a report with it");
        var reference = await chat.SubmitReportAsync(lines[1..]);

        Assert.Contains("The message you kept is the first piece of evidence in this report.", started);
        var blobs = new CaseBlobs(azurite, app);
        var record = await blobs.CaseAsync(reference);
        var item = Assert.Single(record.Evidence);
        Assert.Equal("teams-message", item.Kind);
        Assert.Equal(sender, item.Message!.SenderObjectId);
        Assert.Equal(MessageAction.SenderName, item.Message.SenderName);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.Zero), item.Message.SentAt);
        Assert.Equal("group chat", item.Message.ConversationKind);
        Assert.Equal(person, item.Message.CapturedBy);
        var content = (await blobs.Cases.GetBlobClient(item.BlobName).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(item.Sha256, Convert.ToHexStringLower(SHA256.HashData(content)));
        var metadata = await blobs.MetadataAsync(item.BlobName);
        Assert.Equal(item.Sha256, metadata["sha256"]);
        Assert.Equal("HighlyConfidential", metadata["classification"]);
        Assert.Equal(sender, metadata["senderid"]);
        var kept = JObject.Parse(Encoding.UTF8.GetString(content));
        Assert.Equal(sender, kept["sender"]!.Value<string>("objectId"));
        Assert.Equal("aadUser", kept["sender"]!.Value<string>("identityType"));
        Assert.Equal(Words, kept.Value<string>("text"));
        Assert.Equal(Html, kept.Value<string>("html"));
        Assert.Empty(await blobs.StateBlobsContainingAsync(Words));
    }

    [Fact]
    public async Task Deleting_the_kept_message_leaves_nothing_of_it()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(Guid.NewGuid().ToString(), Html), connector.ServiceUrl));
        var chat = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));

        var replies = await chat.SayAsync("Delete it");
        var afterwards = await chat.SayAsync("report");

        Assert.StartsWith("Done: the message you kept is removed", Assert.Single(replies), StringComparison.Ordinal);
        Assert.DoesNotContain(afterwards, r => r.Contains("first piece of evidence", StringComparison.Ordinal));
        var blobs = new CaseBlobs(azurite, app);
        Assert.Empty(await blobs.CaseBlobNamesAsync());
        Assert.Empty(await blobs.StateBlobsContainingAsync(Words));
    }

    [Fact]
    public async Task During_an_intake_the_kept_message_joins_the_draft_once_and_the_question_is_asked_again()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var chat = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));
        var question = (await chat.SayAsync("report")).Last();
        var payload = MessageAction.Payload(Guid.NewGuid().ToString(), Html);

        var first = await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, payload, connector.ServiceUrl));
        var again = await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, payload, connector.ServiceUrl, name: "composeExtension/fetchTask"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var said = connector.Sent.Where(s => s.ConversationId == chat.ConversationId).Select(s => s.Activity.Value<string>("text")).ToList();
        Assert.Equal(2, said.Count(t => t?.StartsWith("You kept a message with **Report this message**: it's now part of the evidence", StringComparison.Ordinal) == true));
        Assert.Equal(question, said.Last());
        var draft = await new CaseBlobs(azurite, app).DraftAsync();
        var item = Assert.Single(draft.Evidence);
        Assert.Equal("teams-message", item.Kind);
        Assert.StartsWith($"{draft.CaseReference}/evidence/msg-", item.BlobName, StringComparison.Ordinal);

        var reference = await chat.SubmitReportAsync(Intake.UpToReview()[1..]);
        Assert.Single((await new CaseBlobs(azurite, app).CaseAsync(reference)).Evidence);
    }
}
