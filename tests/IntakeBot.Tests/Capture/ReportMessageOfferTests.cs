using System.Net;
using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Capture;

/// <summary>The offer in the private chat when no intake is running: more choices than Teams' three
/// suggested actions, so a card with a button each, and every choice can be typed as well. And when
/// that offer cannot be delivered, the pop-up does not say the message was kept.</summary>
public sealed class ReportMessageOfferTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Words = "Nobody wants you on this project, so stop turning up";

    [Fact]
    public async Task The_offer_is_a_card_with_evidence_account_start_each_open_report_and_not_now()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var chat = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));
        var reference = await chat.SubmitReportAsync();

        var offer = await KeepAsync(app, connector, person);

        Assert.Equal(
            ["1. Start a report with it as evidence", "2. Start a report with it as what happened", $"3. Add it to {reference}", "4. Not now"],
            MessageAction.Buttons(offer));
        Assert.Contains("**Not now** deletes it", offer.Value<string>("text"), StringComparison.Ordinal);
        Assert.Null(offer["suggestedActions"]);
    }

    [Theory]
    [InlineData("press", "1. Start a report with it as evidence", "evidence")]
    [InlineData("type", "1", "evidence")]
    [InlineData("type", "Start a report with it", "evidence")]
    [InlineData("press", "2. Start a report with it as what happened", "account")]
    [InlineData("type", "start a report with it as what happened", "account")]
    [InlineData("press", "3. Not now", "deleted")]
    [InlineData("type", "not now", "deleted")]
    [InlineData("type", "Delete it", "deleted")]
    public async Task Each_choice_of_the_offer_does_what_it_says_whether_pressed_or_typed(string how, string answer, string outcome)
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var offer = await KeepAsync(app, connector, person);
        var chat = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));

        var replies = (how == "press"
            ? await chat.ExchangeAsync(null, MessageAction.Pressed(offer, answer))
            : await chat.ExchangeAsync(answer)).Select(r => r.Value<string>("text") ?? string.Empty).ToList();

        var blobs = new CaseBlobs(azurite, app);
        if (outcome == "deleted")
        {
            Assert.StartsWith("Done: the message you kept is removed", Assert.Single(replies), StringComparison.Ordinal);
            Assert.Empty(await blobs.CaseBlobNamesAsync());
            Assert.Empty(await blobs.StateBlobsContainingAsync(Words));
            return;
        }

        var draft = await blobs.DraftAsync();
        Assert.Equal("teams-message", Assert.Single(draft.Evidence).Kind);
        if (outcome == "account")
        {
            Assert.Equal([Words], draft.Answers.WhatHappened);
            Assert.Contains(replies, r => r.StartsWith("The message you kept is the first part of what happened", StringComparison.Ordinal));
        }
        else
        {
            Assert.Empty(draft.Answers.WhatHappened);
            Assert.Contains("The message you kept is the first piece of evidence in this report.", replies);
            Assert.Contains(replies, r => r.StartsWith("Tell me what happened", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_message_that_is_only_a_command_word_is_kept_as_evidence_and_the_account_is_asked_for_in_the_persons_words()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var offer = await KeepAsync(app, connector, person, "<p>done</p>");
        var chat = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));

        var replies = await chat.ExchangeAsync(null, MessageAction.Pressed(offer, "2. Start a report with it as what happened"));

        Assert.StartsWith("The message you kept is the first piece of evidence in this report. I couldn't take its words", replies[^1].Value<string>("text"), StringComparison.Ordinal);
        var draft = await new CaseBlobs(azurite, app).DraftAsync();
        Assert.Empty(draft.Answers.WhatHappened);
        Assert.Single(draft.Evidence);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(403)]
    public async Task When_the_offer_cannot_be_delivered_the_pop_up_says_it_was_not_kept_and_nothing_stays(int status)
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        connector.FailNextReplies(100, status);

        var response = await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(Guid.NewGuid().ToString(), $"<p>{Words}</p>"), connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var note = JObject.Parse(await response.Content.ReadAsStringAsync())["task"]!.Value<string>("value")!;
        Assert.StartsWith("I couldn't keep this message", note, StringComparison.Ordinal);
        Assert.Contains("try **Report this message** again", note, StringComparison.Ordinal);
        Assert.DoesNotContain("Kept privately", note, StringComparison.Ordinal);
        Assert.Empty(connector.Sent);
        var blobs = new CaseBlobs(azurite, app);
        Assert.Empty(await blobs.StateBlobsContainingAsync(Words));
        Assert.Empty(await blobs.CaseBlobNamesAsync());
    }

    [Fact]
    public void A_message_from_a_conversation_of_a_kind_teams_did_not_name_reads_as_sent_in_teams()
    {
        var facts = new MessageFacts("1", Guid.NewGuid().ToString(), "aadUser", "Jordan Blake", new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.Zero), null, MessageFacts.KindUnknown, "hello", [], Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch);

        var quote = MessageQuote.ForCard(TextCatalog.Load(), facts);

        Assert.StartsWith("Teams message from Jordan Blake, sent 2026-11-20 09:15 UTC in Teams:", quote, StringComparison.Ordinal);
        Assert.DoesNotContain("in a unknown", quote, StringComparison.Ordinal);
    }

    /// <summary>Keeps a message with the action and returns the offer the private chat was sent.</summary>
    private static async Task<JObject> KeepAsync(BotApp app, ConnectorStub connector, string person, string? html = null)
    {
        var response = await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(Guid.NewGuid().ToString(), html ?? $"<p>{Words}</p>"), connector.ServiceUrl));
        Assert.StartsWith("Kept privately.", JObject.Parse(await response.Content.ReadAsStringAsync())["task"]!.Value<string>("value"), StringComparison.Ordinal);
        return connector.Sent.Last(s => s.ConversationId == connector.PrivateChatOf(person)).Activity;
    }
}
