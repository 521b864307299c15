using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Conversation;

/// <summary>Over HTTP, the bot says things once and briefly: starting a report is two messages (the
/// welcome with what happens to the data, then the first question), and the review is one message,
/// its card, whose words above it are not repeated in a second bubble.</summary>
public sealed class FewerMessagesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TextCatalog Text = TextCatalog.Load();

    [Theory]
    [InlineData("report")]
    [InlineData("Report please")]
    [InlineData("REPORT!")]
    public async Task Starting_a_report_is_at_most_two_messages_the_welcome_then_the_first_question(string typed)
    {
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Intake:SupportResource"] = "the Employee Assistance Programme, 0800 000 000" });
        var chat = new HttpChat(app.CreateClient());

        var started = await chat.SayAsync(typed);

        Assert.Equal(2, started.Count);
        Assert.StartsWith("Thank you for reaching out", started[0], StringComparison.Ordinal);
        Assert.Contains("carries your name", started[0], StringComparison.Ordinal);
        Assert.Contains("the Employee Assistance Programme, 0800 000 000", started[0], StringComparison.Ordinal);
        Assert.Equal(Text[TextKey.AskWhatHappened], started[1]);
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("something happend at work i dont know what to do")]
    [InlineData("report")]
    public async Task The_first_answer_gives_the_urgent_help_contact_before_the_account_whatever_the_listener_makes_of_the_message(string typed)
    {
        // The listener misses some ways of saying that someone is in danger (measured on blind sets):
        // the contact is in the greeting and in the welcome, so nobody tells their account without it.
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient());

        var first = await chat.SayAsync(typed);

        Assert.Contains(BotApp.UrgentHelp, first[0], StringComparison.Ordinal);
        Assert.Contains("nobody reads this chat as you write", first[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_review_is_one_message_its_card_which_says_how_to_act_on_it_once()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient());
        var steps = Intake.UpToReview();
        await chat.SayAllAsync(steps[..^1]);

        var review = await chat.ExchangeAsync(steps[^1]);

        var card = Assert.Single(review, r => r["attachments"] is JArray { Count: > 0 });
        Assert.Same(card, review[^1]);
        Assert.Equal(Text[TextKey.ReviewCardText], (string?)card["text"]);
        Assert.DoesNotContain("**", (string?)card["text"], StringComparison.Ordinal);
        var shown = string.Join("\n", review.SelectMany(r => r.SelectTokens("$..text")).Select(t => t.ToString()));
        Assert.Single(review.SelectMany(r => r.SelectTokens("$..text")), t => t.ToString() == Text[TextKey.ReviewCardHow]);
        Assert.DoesNotContain(Text[TextKey.ReviewActions], shown, StringComparison.Ordinal);

        var receipt = string.Join("\n", await chat.SayAsync("submit"));
        Assert.Contains("is submitted", receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_review_asked_again_after_a_question_or_help_while_paused_is_its_card_again_never_a_bubble_with_submit()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient());
        var steps = Intake.UpToReview();
        await chat.SayAllAsync(steps);

        var answered = await chat.ExchangeAsync("who will see this??");
        Assert.Contains(answered, r => ((string?)r["text"] ?? string.Empty).Contains(Text[TextKey.QuestionKeepOffer], StringComparison.Ordinal));
        AskedAgainOnItsCard(await chat.ExchangeAsync(Text[TextKey.ChoiceJustTheAnswer]));

        await chat.SayAsync("pause");
        AskedAgainOnItsCard(await chat.ExchangeAsync("help"));

        var receipt = string.Join("\n", await chat.SayAsync("submit"));
        Assert.Contains("is submitted", receipt, StringComparison.Ordinal);
    }

    private static void AskedAgainOnItsCard(IReadOnlyList<JObject> replies)
    {
        var card = Assert.Single(replies, r => r["attachments"] is JArray { Count: > 0 });
        Assert.Same(card, replies[^1]);
        Assert.Equal(Text[TextKey.ReviewCardText], (string?)card["text"]);
        var shown = replies.SelectMany(r => r.SelectTokens("$..text")).Select(t => t.ToString()).ToList();
        Assert.Single(shown, t => t == Text[TextKey.ReviewCardHow]);
        Assert.DoesNotContain(replies, r => ((string?)r["text"] ?? string.Empty).Contains(Text[TextKey.ReviewActions], StringComparison.Ordinal));
    }
}
