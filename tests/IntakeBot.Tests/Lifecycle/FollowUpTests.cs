using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.Lifecycle;

/// <summary>The follow-up thread over HTTP with a Teams connector on 127.0.0.1: the owner writes, the
/// reporter is told by reference only, reads it with <c>view</c> and replies; the owner reads the reply
/// in <c>case</c>. Everything is kept in the case, its transcript and its audit log.</summary>
public sealed class FollowUpTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string NotFound = "I couldn't find a report of yours with that reference. Type **my reports** to see your reports.";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Dictionary<string, string?> Settings(string ownerId, params (string Key, string Value)[] more)
        => OwnerSettings.For(ownerId, more);

    /// <summary>A whole intake; <paramref name="contact"/>, when given, answers the contact question in
    /// place of the script's contact and safe-times answers.</summary>
    private static async Task<string> SubmitAsync(HttpChat reporter, params string[] contact)
    {
        var words = Intake.UpToReview();
        return await reporter.SubmitReportAsync(contact.Length == 0 ? words : [.. words[..^2], .. contact]);
    }

    [Fact]
    public async Task Owner_and_reporter_exchange_messages_and_no_notification_shows_the_words()
    {
        const string Canary = "CANARY-3f9a-heron-quartz";
        const string ReplyCanary = "CANARY-8c21-willow-ember";
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var settings = Settings(ownerId);
        var reporterId = Guid.NewGuid().ToString();
        string reference;
        string reporterConversation;
        await using (var app = new BotApp(azurite, settings))
        {
            var reporter = new HttpChat(app.CreateClient(), reporterId, connector.ServiceUrl);
            reporterConversation = reporter.ConversationId;
            reference = await SubmitAsync(reporter);

            // The reporter's conversation is stored when the new-case notification leaves.
            await UntilAsync(() => app.Logs.Lines.Any(l => l.Contains($"The owner of case {reference} could not be notified", StringComparison.Ordinal)));
            var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
            var sent = await owner.SayAsync($"message {reference} Could we talk on Tuesday? {Canary}");
            Assert.StartsWith($"Your message is saved in {reference}.", sent[0], StringComparison.Ordinal);

            // The notification carries the reference and the kind of update only.
            var told = await connector.WaitForSentAsync(a => Text(a).Contains("new message about your report", StringComparison.Ordinal), Patience);
            Assert.Equal(reporterConversation, told.ConversationId);
            Assert.Equal($"There is a new message about your report {reference}. Type **view {reference}** to read it.", Text(told.Activity));
        }

        // A new process: nothing of the thread was kept in memory.

        await using (var app = new BotApp(azurite, settings))
        {
            var reporter = new HttpChat(app.CreateClient(), reporterId, connector.ServiceUrl, reporterConversation);
            var listed = await reporter.SayAsync("my reports");
            Assert.Contains($"a new message: type **view {reference}**", listed[0], StringComparison.Ordinal);

            var view = await reporter.SayAsync($"view {reference.ToLowerInvariant()}");
            Assert.Contains($"from the case owner: Could we talk on Tuesday? {Canary}", view[0], StringComparison.Ordinal);
            Assert.DoesNotContain("a new message", (await reporter.SayAsync("my reports"))[0], StringComparison.Ordinal);

            var replied = await reporter.SayAsync($"reply {reference} Yes, after lunch {ReplyCanary}");
            Assert.StartsWith($"Your reply is saved in {reference}", replied[0], StringComparison.Ordinal);

            var ownerTold = await connector.WaitForSentAsync(a => Text(a).Contains("has replied about", StringComparison.Ordinal), Patience);
            Assert.Equal($"The reporter has replied about {reference}. Type **case {reference}** to read it.", Text(ownerTold.Activity));

            var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
            var card = await owner.ShownAsync($"case {reference}");
            Assert.Contains($"from the reporter: Yes, after lunch {ReplyCanary}", card[0], StringComparison.Ordinal);
            Assert.Contains($"to the reporter: Could we talk on Tuesday? {Canary}", card[0], StringComparison.Ordinal);

            // Kept in the case, in order, in its transcript where said, and audited without the words.
            var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
            Assert.Equal([CaseMessage.FromOwner, CaseMessage.FromReporter], record.Messages.Select(m => m.From));
            Assert.Contains(record.Deadlines, d => d.Kind == IntakeBot.Cases.DeadlineKind.Feedback && d.MetAt is not null);
            var store = app.Services.GetRequiredService<ICaseStore>();
            var audit = await store.ReadAuditAsync(reference, CancellationToken.None);
            Assert.Equal([CaseMessage.FromOwner, CaseMessage.FromReporter], audit.Where(a => a.Action == AuditAction.Message).Select(a => a.Detail));
            Assert.DoesNotContain(audit, a => a.ToString().Contains("CANARY", StringComparison.Ordinal));
            var transcript = string.Join("\n", (await store.ReadTranscriptAsync(reference, CancellationToken.None)).Select(e => e.Text));
            Assert.Contains(Canary, transcript, StringComparison.Ordinal);
            Assert.Contains(ReplyCanary, transcript, StringComparison.Ordinal);
        }

        // Nothing the connector was asked to send outside a reply to a turn shows either message.
        Assert.DoesNotContain(connector.Sent, s => s.Activity.ToString().Contains("CANARY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reporters_view_names_the_owner_role_as_a_reader_and_the_owners_card_names_the_reporter()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId, ("Intake:OwnerRole", "the Northwind conduct team")));
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);
        var owner = new HttpChat(app.CreateClient(), ownerId);

        var view = await reporter.ShownAsync($"view {reference}");
        var card = await owner.ShownAsync($"case {reference}");
        var access = await owner.SayAsync($"access {reference}");

        Assert.Contains($"Your report {reference}", view[0], StringComparison.Ordinal);
        Assert.Contains("Who can read it: you, the Northwind conduct team, and anyone given access by name (every such change is recorded).", view[0], StringComparison.Ordinal);
        Assert.Contains("Only you and the reporter can read this case", card[0], StringComparison.Ordinal);
        Assert.StartsWith($"Only you and the reporter can read {reference};", access[0], StringComparison.Ordinal);
        Assert.DoesNotContain(view.Concat(card).Concat(access), t => t.Contains("Only you can read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_an_intake_and_its_follow_up_every_blob_in_both_containers_is_labelled_highly_confidential()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId));
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var reference = await SubmitAsync(reporter);
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
        await owner.SayAsync($"acknowledge {reference}");
        await owner.SayAsync($"message {reference} Could we talk on Tuesday?");
        await connector.WaitForSentAsync(a => Text(a).Contains("new message about your report", StringComparison.Ordinal), Patience);
        Assert.StartsWith($"Your reply is saved in {reference}", (await reporter.SayAsync($"reply {reference} yes tuesday works"))[0], StringComparison.Ordinal);
        await reporter.SayAllAsync($"add to {reference}", "one more thing, it happend again friday", "done");
        await connector.WaitForSentAsync(a => Text(a).Contains("has replied about", StringComparison.Ordinal), Patience);

        // Each reporter and owner reached proactively left a conversation reference, which names them.
        var blobs = new CaseBlobs(azurite, app);
        var unlabelled = new List<string>();
        var walked = new List<string>();
        foreach (var container in new[] { blobs.Cases, blobs.State })
        {
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
            {
                // The index's start-up marker and lock blob belong to no case and name nobody.
                if (blob.Name.StartsWith("_index/", StringComparison.Ordinal))
                {
                    continue;
                }

                walked.Add(blob.Name);
                if (!blob.Metadata.TryGetValue("classification", out var label) || label != Classification.HighlyConfidential)
                {
                    unlabelled.Add($"{container.Name}/{blob.Name}");
                }
            }
        }

        Assert.Contains(walked, n => n.StartsWith("reporters/", StringComparison.Ordinal));
        Assert.Contains(walked, n => n.StartsWith($"{reference}/", StringComparison.Ordinal));
        Assert.Empty(unlabelled);
    }

    [Fact]
    public async Task The_Reply_button_asks_for_the_reply_and_the_next_message_reaches_the_owner_while_cancel_adds_nothing()
    {
        const string Canary = "CANARY-77b4-otter-slate";
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId));
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var reference = await SubmitAsync(reporter);
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
        await owner.SayAsync($"message {reference} Could we talk on Tuesday?");
        var blobs = new CaseBlobs(azurite, app);

        var view = await reporter.ExchangeAsync($"view {reference}");
        var button = Assert.Single(view[0].SelectTokens("$..actions[*]").OfType<JObject>(), a => a.Value<string>("title") == "Reply");
        Assert.Equal("Action.Submit", button.Value<string>("type"));
        var pressed = (JObject)button["data"]!;

        // Pressed, then left with cancel: nothing is added, and the next message is not taken as a reply.
        Assert.Equal($"Type your reply to {reference}, in as many messages as you need. Each one is saved in the report, and its owner is told there is a reply. Type **done** when you've finished, or **cancel** to leave without replying.", Text(Assert.Single(await reporter.ExchangeAsync(null, pressed))));
        Assert.StartsWith($"Nothing was added to {reference}.", (await reporter.SayAsync("cancel"))[0], StringComparison.Ordinal);
        Assert.DoesNotContain("saved", (await reporter.SayAsync("thanks"))[0], StringComparison.Ordinal);
        Assert.DoesNotContain((await blobs.CaseAsync(reference)).Messages, m => m.From == CaseMessage.FromReporter);

        // Pressed, then another command: it is answered as usual, and nothing is added.
        await reporter.ExchangeAsync(null, pressed);
        Assert.Contains(reference, (await reporter.SayAsync("my reports"))[0], StringComparison.Ordinal);
        Assert.DoesNotContain((await blobs.CaseAsync(reference)).Messages, m => m.From == CaseMessage.FromReporter);

        // The notification's Reply button sends the typed command, which asks for the reply; cancel leaves it.
        var told = await connector.WaitForSentAsync(a => Text(a).Contains("new message about your report", StringComparison.Ordinal), Patience);
        var notificationButton = Assert.Single(told.Activity.SelectTokens("$.suggestedActions.actions[*]").OfType<JObject>(), a => a.Value<string>("title") == "Reply");
        Assert.StartsWith($"Type your reply to {reference}", (await reporter.SayAsync(notificationButton.Value<string>("value")!))[0], StringComparison.Ordinal);
        await reporter.SayAsync("cancel");

        // Pressed, a file on its own gets a kind note and the reply still waits; the words that follow are the reply.
        await reporter.ExchangeAsync(null, pressed);
        var file = await reporter.SendAsync(null, [HttpChat.UploadedFile("notes.pdf", $"{connector.ServiceUrl}files/notes.pdf")]);
        Assert.StartsWith("A reply can only be words, so I haven't kept that file.", file[0], StringComparison.Ordinal);
        var replied = await reporter.SayAsync($"Yes, Tuesday works {Canary}");
        Assert.StartsWith($"Your reply is saved in {reference}", replied[0], StringComparison.Ordinal);

        await connector.WaitForSentAsync(a => Text(a).Contains("has replied about", StringComparison.Ordinal), Patience);
        var card = await owner.ShownAsync($"case {reference}");
        Assert.Contains($"from the reporter: Yes, Tuesday works {Canary}", card[0], StringComparison.Ordinal);
        Assert.Equal([$"Yes, Tuesday works {Canary}"], (await blobs.CaseAsync(reference)).Messages.Where(m => m.From == CaseMessage.FromReporter).Select(m => m.Text));
        Assert.DoesNotContain(connector.Sent, s => s.Activity.ToString().Contains("CANARY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_owner_can_message_and_only_the_reporter_can_view_or_reply()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var otherResponder = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId, ("Intake:Responders:1", otherResponder)));
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var reference = await SubmitAsync(reporter);
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
        await owner.SayAsync($"message {reference} hello");

        var stranger = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var colleague = new HttpChat(app.CreateClient(), otherResponder, connector.ServiceUrl);
        Assert.Equal(NotFound, (await stranger.SayAsync($"view {reference}"))[0]);
        Assert.Equal(NotFound, (await stranger.SayAsync($"reply {reference} hi"))[0]);
        Assert.Equal(NotFound, (await owner.SayAsync($"view {reference}"))[0]);
        Assert.Equal("I couldn't find a case with that reference among the cases you own.", (await colleague.SayAsync($"message {reference} hi"))[0]);
        Assert.Single((await new CaseBlobs(azurite, app).CaseAsync(reference)).Messages);
    }

    [Fact]
    public async Task Empty_too_long_early_and_closed_messages_are_refused_kindly_and_nothing_is_kept()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId, ("Lifecycle:MaxMessageLength", "500"), ("Lifecycle:ClosedReplyWindow", "PT0S")));
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var reference = await SubmitAsync(reporter);
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);

        var empty = await owner.SayAsync($"message {reference}");
        var tooLong = await owner.SayAsync($"message {reference} {new string('a', 501)}");
        var pasted = await owner.SayAsync($"message {reference} {new string('b', 30_000)}");
        var early = await reporter.SayAsync($"reply {reference} is anyone there?");
        Assert.Empty((await new CaseBlobs(azurite, app).CaseAsync(reference)).Messages);

        await owner.SayAsync($"message {reference} thank you for telling us");
        var emptyReply = await reporter.SayAsync($"reply {reference}");
        var longReply = await reporter.SayAsync($"reply {reference} {new string('c', 501)}");
        await owner.SayAsync($"close {reference} confirm");
        var closed = await owner.SayAsync($"message {reference} one more thing");
        var closedReply = await reporter.SayAsync($"reply {reference} and me");

        Assert.StartsWith("To write to the reporter, type **message**", empty[0], StringComparison.Ordinal);
        Assert.Equal("That message is longer than 500 characters, so I haven't saved or sent it. Please send it in shorter parts.", tooLong[0]);
        Assert.StartsWith("That message is longer than I can keep in one piece", pasted[0], StringComparison.Ordinal);
        Assert.StartsWith($"There is no message about {reference} to reply to yet.", early[0], StringComparison.Ordinal);
        Assert.StartsWith($"Type your reply to {reference}", emptyReply[0], StringComparison.Ordinal);
        Assert.StartsWith("That reply is longer than 500 characters", longReply[0], StringComparison.Ordinal);
        Assert.StartsWith($"{reference} is closed, so messages can no longer be sent", closed[0], StringComparison.Ordinal);
        Assert.StartsWith($"{reference} is closed, so replies can no longer be added", closedReply[0], StringComparison.Ordinal);
        Assert.Equal(["thank you for telling us"], (await new CaseBlobs(azurite, app).CaseAsync(reference)).Messages.Select(m => m.Text));

        // What was refused is still in the reader's own chat: the closed case still shows the message.
        Assert.Contains("thank you for telling us", (await reporter.SayAsync($"view {reference}"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_reporter_asked_not_to_be_contacted_the_owner_confirms_first_and_my_reports_still_shows_it()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId));
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var reference = await SubmitAsync(reporter, "Please don't contact me");
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);

        var asked = await owner.SayAsync($"message {reference} may we call you?");
        Assert.StartsWith($"The reporter of {reference} asked not to be contacted. Nothing was sent.", asked[0], StringComparison.Ordinal);
        Assert.Contains($"**message {reference} confirm**", asked[0], StringComparison.Ordinal);
        Assert.Empty((await new CaseBlobs(azurite, app).CaseAsync(reference)).Messages);

        var sent = await owner.SayAsync($"message {reference} confirm may we call you?");
        Assert.StartsWith($"Your message is saved in {reference}.", sent[0], StringComparison.Ordinal);
        Assert.Equal(["may we call you?"], (await new CaseBlobs(azurite, app).CaseAsync(reference)).Messages.Select(m => m.Text));
        Assert.Contains($"a new message: type **view {reference}**", (await reporter.SayAsync("my reports"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reporter_who_cannot_be_reached_is_retried_then_the_owner_is_told_by_reference_only()
    {
        const string Canary = "CANARY-51d0-moss-falcon";
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId, ("Notifications:MaxAttempts", "3"), ("Notifications:FirstRetryDelayMilliseconds", "20")));
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
        await owner.SayAsync("hello");
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var reference = await SubmitAsync(reporter);
        await connector.WaitForSentAsync(a => Text(a).Contains("A new report has been submitted", StringComparison.Ordinal), Patience);

        // The reporter has left: every delivery to them fails.
        connector.FailNextReplies(3);
        await owner.SayAsync($"message {reference} {Canary}");

        var (conversation, notice) = await connector.WaitForSentAsync(a => Text(a).Contains("could not be delivered", StringComparison.Ordinal), Patience);
        Assert.Equal(owner.ConversationId, conversation);
        Assert.Equal($"A message about {reference} could not be delivered to its reporter after several tries: they may have left the organisation or removed the bot. Type **case {reference}** to open it.", Text(notice));
        Assert.Equal(3, app.Logs.Lines.Count(l => l.Contains($"The reporter of case {reference} could not be notified this time", StringComparison.Ordinal)));
        Assert.DoesNotContain(connector.Sent, s => s.ConversationId == reporter.ConversationId);
        Assert.DoesNotContain(connector.Sent, s => s.Activity.ToString().Contains(Canary, StringComparison.Ordinal));
        Assert.Single((await new CaseBlobs(azurite, app).CaseAsync(reference)).Messages);
    }

    [Fact]
    public async Task A_message_for_a_reporter_whose_conversation_is_not_stored_is_retried_then_the_owner_is_told()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId, ("Notifications:MaxAttempts", "3"), ("Notifications:FirstRetryDelayMilliseconds", "20")));
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
        await owner.SayAsync("hello");
        var reporterId = Guid.NewGuid().ToString();
        var reporter = new HttpChat(app.CreateClient(), reporterId, connector.ServiceUrl);
        var reference = await SubmitAsync(reporter);
        await connector.WaitForSentAsync(a => Text(a).Contains("A new report has been submitted", StringComparison.Ordinal), Patience);

        // No conversation with the reporter is stored (as for a report from before they were kept).
        var stored = $"reporters/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reporterId.ToLowerInvariant())))}.json";
        Assert.True(await new CaseBlobs(azurite, app).State.GetBlobClient(stored).DeleteIfExistsAsync());
        await owner.SayAsync($"message {reference} Could we talk on Tuesday?");

        var (conversation, notice) = await connector.WaitForSentAsync(a => Text(a).Contains("could not be delivered", StringComparison.Ordinal), Patience);
        Assert.Equal(owner.ConversationId, conversation);
        Assert.Equal($"A message about {reference} could not be delivered to its reporter after several tries: they may have left the organisation or removed the bot. Type **case {reference}** to open it.", Text(notice));
        Assert.Equal(3, app.Logs.Lines.Count(l => l.Contains($"The reporter of case {reference} could not be notified: they have not talked to the bot yet", StringComparison.Ordinal)));
        Assert.DoesNotContain(connector.Sent, s => s.ConversationId == reporter.ConversationId && Text(s.Activity).Contains("new message", StringComparison.Ordinal));
    }

    private static string Text(JObject activity) => activity.Value<string>("text") ?? string.Empty;
}
