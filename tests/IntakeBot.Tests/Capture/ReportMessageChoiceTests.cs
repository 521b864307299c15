using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.Capture;

/// <summary>The other answers to the offer: adding the kept message to a submitted report, and a
/// responder attaching it to the report they are taking.</summary>
public sealed class ReportMessageChoiceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Add_to_puts_the_kept_message_in_the_persons_own_report_and_nowhere_else()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var chat = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));
        var reference = await chat.SubmitReportAsync();
        await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(Guid.NewGuid().ToString(), "<p>later message</p>"), connector.ServiceUrl));

        var wrong = await chat.SayAsync("add to IR-00000000");
        var added = await chat.SayAsync($"add to {reference}");

        Assert.Equal([TextCatalog.Load()[TextKey.CaseNotFound]], wrong);
        Assert.StartsWith($"Added the message you kept to {reference}.", Assert.Single(added), StringComparison.Ordinal);
        var item = Assert.Single((await new CaseBlobs(azurite, app).CaseAsync(reference)).Evidence);
        Assert.Equal("teams-message", item.Kind);
        Assert.Empty(await new CaseBlobs(azurite, app).StateBlobsContainingAsync("later message"));
    }

    [Fact]
    public async Task Adding_the_kept_message_with_the_cards_button_tells_the_owner_by_reference_only()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        await new HttpChat(app.CreateClient(), ownerAad, connector.ServiceUrl).SayAsync("hello");
        var person = Guid.NewGuid().ToString();
        var chat = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));
        var reference = await chat.SubmitReportAsync();
        var told = $"Something was added to a report you own. Reference: {reference}";
        await connector.WaitForSentAsync(a => a.Value<string>("text")?.Contains(reference, StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
        await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(Guid.NewGuid().ToString(), "<p>the words they sent later</p>"), connector.ServiceUrl));
        var offer = connector.Sent.Last(s => s.ConversationId == chat.ConversationId).Activity;

        var added = await chat.ExchangeAsync(null, MessageAction.Pressed(offer, $"3. Add it to {reference}"));

        Assert.StartsWith($"Added the message you kept to {reference}.", added[0].Value<string>("text"), StringComparison.Ordinal);
        var (_, notification) = await connector.WaitForSentAsync(a => a.Value<string>("text") == told, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("words they sent", notification.ToString(), StringComparison.Ordinal);
        Assert.Equal("teams-message", Assert.Single((await new CaseBlobs(azurite, app).CaseAsync(reference)).Evidence).Kind);
    }

    [Fact]
    public async Task A_responder_taking_a_report_is_offered_to_attach_it_and_the_step_is_asked_again()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var responder = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Intake:Responders:0"] = responder, ["Intake:DefaultOwner"] = responder });
        var chat = new HttpChat(app.CreateClient(), responder, connector.ServiceUrl, connector.PrivateChatOf(responder));
        var question = (await chat.SayAsync("take a report")).Last();
        await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(responder, MessageAction.Payload(Guid.NewGuid().ToString(), "<p>what was said</p>"), connector.ServiceUrl));

        var offer = connector.Sent.Last(s => s.ConversationId == chat.ConversationId).Activity.Value<string>("text");
        var attached = await chat.SayAsync("Attach it");

        Assert.Contains("attach it to the report you're taking", offer, StringComparison.Ordinal);
        Assert.StartsWith("Attached the message you kept to this report.", attached[0], StringComparison.Ordinal);
        Assert.Equal(question, attached[^1]);
        Assert.Equal("teams-message", Assert.Single((await new CaseBlobs(azurite, app).DraftAsync()).Evidence).Kind);
    }
}
