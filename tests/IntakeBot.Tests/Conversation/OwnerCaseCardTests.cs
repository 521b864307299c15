using IntakeBot.Conversation.Cards;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Conversation;

/// <summary>The owner's <c>case IR-…</c> answer over HTTP (channel <c>msteams</c>): the case card, with
/// a reporter's "please don't contact me" first, where nobody about to write to them can miss it.</summary>
public sealed class OwnerCaseCardTests(OwnedBotAppFixture app) : IClassFixture<OwnedBotAppFixture>
{
    private static readonly TextCatalog Text = TextCatalog.Load();
    private readonly BotApp _app = app.App;
    private readonly HttpChat _owner = new(app.Client, app.OwnerId);

    [Fact]
    public async Task A_case_whose_reporter_asked_not_to_be_contacted_shows_that_first()
    {
        var reference = await SubmittedAsync(noContact: true);

        var reply = Assert.Single(await _owner.ExchangeAsync($"case {reference}"));

        var body = (JArray)Card(reply)["body"]!;
        Assert.Equal("Container", (string)body[0]["type"]!);
        Assert.Equal("attention", (string)body[0]["style"]!);
        Assert.Equal([Text[TextKey.TitleNoContact], Text[TextKey.CardNoContactBanner]], body[0]["items"]!.Select(i => (string)i["text"]!));
        Assert.StartsWith($"**{Text[TextKey.TitleNoContact]}**", reply.Value<string>("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_whose_reporter_can_be_contacted_shows_no_banner_and_starts_with_its_reference()
    {
        var reference = await SubmittedAsync(noContact: false);

        var reply = Assert.Single(await _owner.ExchangeAsync($"case {reference}"));

        var card = Card(reply);
        Assert.Equal(Text.Format(TextKey.CaseCardTitle, reference), (string)card["body"]![0]!["text"]!);
        Assert.DoesNotContain(Text[TextKey.TitleNoContact], reply.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("He shouted at me", reply.Value<string>("text"), StringComparison.Ordinal);
        Assert.Contains("He shouted at me in the stand-up meeting", card.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_button_on_the_case_card_is_answered_as_its_typed_command()
    {
        var reference = await SubmittedAsync(noContact: false);
        var card = Card(Assert.Single(await _owner.ExchangeAsync($"case {reference}")));
        var share = card.Descendants().OfType<JObject>().Single(o => (string?)o["type"] == "Action.Submit" && (string?)o["data"]?[CardSubmission.ChoiceField] == CaseCard.ShareChoice);

        // Share pressed with the address field left empty: the same answer as the command typed without one.
        var pressed = await _owner.ExchangeAsync(null, (JObject)share["data"]!);
        var typed = await _owner.SayAsync($"share {reference} with");

        Assert.Equal(typed, pressed.Select(r => r.Value<string>("text") ?? string.Empty));
        Assert.DoesNotContain("Hi, I'm IntakeBot", typed[0], StringComparison.Ordinal);
    }

    private async Task<string> SubmittedAsync(bool noContact)
    {
        var reporter = new HttpChat(_app.CreateClient());
        string[] script = noContact ? [.. Intake.UpToReview()[..^2], Text[TextKey.ChoiceNoContact]] : Intake.UpToReview();
        return await reporter.SubmitReportAsync(script);
    }

    private static JObject Card(JObject reply)
    {
        var attachment = Assert.Single((JArray)reply["attachments"]!);
        Assert.Equal(AdaptiveCardJson.ContentType, (string)attachment["contentType"]!);
        return (JObject)attachment["content"]!;
    }
}
