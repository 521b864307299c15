using IntakeBot.Cases;
using IntakeBot.Retention;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Capture;

/// <summary>Messages kept one after another with "Report this message": each is held, each offer acts
/// on its own message, the offers work whatever dialog runs, and what is held expires like a draft.</summary>
public sealed class KeptMessagesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] Series =
    [
        "nobody here wants u on the team",
        "dont bother comming to standup tmrw",
        "everyone laughs at ur code btw",
    ];

    [Fact]
    public async Task Three_messages_kept_in_a_row_are_three_pieces_of_evidence_and_each_offer_acts_on_its_own_message()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var offers = new List<JObject>();
        foreach (var words in Series)
        {
            offers.Add(await KeepAsync(app, connector, person, words));
        }

        var chat = Chat(app, connector, person);

        var started = await chat.ExchangeAsync(null, MessageAction.Pressed(offers[0], "1. Start a report with it as evidence"));
        var include = started.Last(a => MessageAction.Buttons(a).Count > 0);
        var added = await chat.ExchangeAsync(null, MessageAction.Pressed(include, "1. Add the kept messages"));

        Assert.Contains(started, a => a.Value<string>("text") == "The message you kept is the first piece of evidence in this report.");
        Assert.Contains("still waiting in this chat (2)", include.Value<string>("text"), StringComparison.Ordinal);
        Assert.StartsWith("Added the messages you kept to this report's evidence.", added[0].Value<string>("text"), StringComparison.Ordinal);
        var evidence = (await new CaseBlobs(azurite, app).DraftAsync()).Evidence.Where(e => e.Kind == "teams-message").Select(e => e.Message!.Excerpt).ToList();
        Assert.Equal(Series[0], evidence[0]);
        Assert.Equal(Series.Order(StringComparer.Ordinal), evidence.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Not_now_on_an_earlier_offer_deletes_only_that_message()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var first = await KeepAsync(app, connector, person, Series[0]);
        await KeepAsync(app, connector, person, Series[1]);

        var replies = await Chat(app, connector, person).ExchangeAsync(null, MessageAction.Pressed(first, "3. Not now"));

        Assert.StartsWith("Done: the message you kept is removed", replies[0].Value<string>("text"), StringComparison.Ordinal);
        var blobs = new CaseBlobs(azurite, app);
        Assert.Single(await blobs.StateBlobsContainingAsync(Series[1]));
        Assert.Empty(await blobs.StateBlobsContainingAsync(Series[0]));
    }

    [Fact]
    public async Task A_message_kept_again_is_held_once_and_no_other_kept_message_is_lost()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var again = MessageAction.Payload(Guid.NewGuid().ToString(), $"<p>{Series[0]}</p>", messageId: "1763630100000");
        await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, again, connector.ServiceUrl));
        await KeepAsync(app, connector, person, Series[1]);

        await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, again, connector.ServiceUrl));
        var offer = connector.Sent.Last(s => s.ConversationId == connector.PrivateChatOf(person)).Activity;
        await Chat(app, connector, person).ExchangeAsync(null, MessageAction.Pressed(offer, "3. Not now"));

        var blobs = new CaseBlobs(azurite, app);
        Assert.Single(await blobs.StateBlobsContainingAsync(Series[1]));
        Assert.Empty(await blobs.StateBlobsContainingAsync(Series[0]));
    }

    [Fact]
    public async Task When_capture_max_pending_messages_wait_the_next_is_not_kept_and_the_pop_up_says_why()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Capture:MaxPending"] = "2" });
        var person = Guid.NewGuid().ToString();
        await KeepAsync(app, connector, person, Series[0]);
        await KeepAsync(app, connector, person, Series[1]);

        var response = await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(Guid.NewGuid().ToString(), $"<p>{Series[2]}</p>"), connector.ServiceUrl));

        var note = JObject.Parse(await response.Content.ReadAsStringAsync())["task"]!.Value<string>("value")!;
        Assert.StartsWith("I couldn't keep this message: 2 messages you kept are already waiting in our private chat.", note, StringComparison.Ordinal);
        var blobs = new CaseBlobs(azurite, app);
        Assert.Single(await blobs.StateBlobsContainingAsync(Series[1]));
        Assert.Empty(await blobs.StateBlobsContainingAsync(Series[2]));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public void The_app_refuses_to_start_with_a_capture_limit_out_of_range(string value)
    {
        using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Capture:MaxPending"] = value });

        Assert.Contains("Capture:MaxPending must be between 1 and 100", app.StartupFailure(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("press")]
    [InlineData("type")]
    public async Task During_add_to_the_offers_not_now_deletes_the_kept_message_and_adds_nothing_to_the_report(string how)
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var chat = Chat(app, connector, person);
        var reference = await chat.SubmitReportAsync();
        await chat.SayAsync($"add to {reference}");
        var offer = await KeepAsync(app, connector, person, Series[0]);

        var replies = (how == "press"
            ? await chat.ExchangeAsync(null, MessageAction.Pressed(offer, "4. Not now"))
            : await chat.ExchangeAsync("Not now")).Select(r => r.Value<string>("text")).ToList();

        Assert.StartsWith("Done: the message you kept is removed", replies[0], StringComparison.Ordinal);
        Assert.StartsWith($"What would you like to add to **{reference}**?", replies[^1], StringComparison.Ordinal);
        var blobs = new CaseBlobs(azurite, app);
        Assert.Empty((await blobs.CaseAsync(reference)).Additions);
        Assert.Empty(await blobs.StateBlobsContainingAsync(Series[0]));
    }

    [Fact]
    public async Task A_report_started_while_a_message_is_kept_offers_to_include_it()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        await KeepAsync(app, connector, person, Series[2]);
        var chat = Chat(app, connector, person);

        var started = await chat.SayAsync("report");
        var included = await chat.SayAsync("add the kept messages");

        Assert.Contains(started, r => r.StartsWith("Messages you kept with **Report this message** are still waiting in this chat (1).", StringComparison.Ordinal));
        Assert.StartsWith("Added the messages you kept to this report's evidence.", included[0], StringComparison.Ordinal);
        var draft = await new CaseBlobs(azurite, app).DraftAsync();
        Assert.Equal(Series[2], Assert.Single(draft.Evidence).Message!.Excerpt);
        Assert.Empty(draft.Answers.WhatHappened);
    }

    [Fact]
    public async Task A_state_holding_only_kept_messages_expires_like_a_draft_and_the_offer_says_where_it_is_held()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var offer = await KeepAsync(app, connector, person, Series[0]);
        var blobs = new CaseBlobs(azurite, app);
        var state = Assert.Single(await blobs.StateBlobsContainingAsync(Series[0]));
        var tags = (await blobs.State.GetBlobClient(state).GetTagsAsync()).Value.Tags;

        var purged = await app.Services.GetRequiredService<DraftPurge>().PurgeAbandonedAsync(state, DateTimeOffset.UtcNow + TimeSpan.FromDays(31), CancellationToken.None);

        Assert.True(tags.ContainsKey(RetentionTags.DraftExpiresOn));
        Assert.True(purged);
        Assert.Empty(await blobs.StateBlobsContainingAsync(Series[0]));
        var text = offer.ToString();
        Assert.Contains("kept in my storage for this private chat only", text, StringComparison.Ordinal);
        Assert.Contains("left untouched for 30 days", text, StringComparison.Ordinal);
        Assert.DoesNotContain("held only in this private chat", text, StringComparison.Ordinal);
    }

    private static HttpChat Chat(BotApp app, ConnectorStub connector, string person)
        => new(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));

    /// <summary>Keeps a message with the action and returns the offer the private chat was sent.</summary>
    private static async Task<JObject> KeepAsync(BotApp app, ConnectorStub connector, string person, string words)
    {
        var response = await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(Guid.NewGuid().ToString(), $"<p>{words}</p>"), connector.ServiceUrl));
        Assert.StartsWith("Kept privately.", JObject.Parse(await response.Content.ReadAsStringAsync())["task"]!.Value<string>("value"), StringComparison.Ordinal);
        return connector.Sent.Last(s => s.ConversationId == connector.PrivateChatOf(person)).Activity;
    }
}
