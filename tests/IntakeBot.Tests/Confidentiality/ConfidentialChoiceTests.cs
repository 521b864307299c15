using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Confidentiality;

/// <summary>The reporter's choice of a confidential report: offered before the account and again at the
/// review, explained with what it does not protect against, and kept as a meaning in the case.</summary>
public sealed class ConfidentialChoiceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Custodian = Guid.NewGuid().ToString();

    [Fact]
    public async Task Confidential_is_offered_before_the_account_and_the_explanation_says_what_it_does_not_cover()
    {
        await using var app = new BotApp(azurite, Confidential.Settings(Custodian));
        var chat = new HttpChat(app.CreateClient());

        var welcome = string.Join("\n", await chat.SayAsync("report"));
        Assert.Contains("type **confidential** at any point before you submit", welcome, StringComparison.Ordinal);

        // Typed loosely, in the middle of the account.
        await chat.SayAsync("He shouted at me in the stand-up meeting");
        var chosen = string.Join("\n", await chat.SayAsync("Confidential."));
        Assert.Contains("Your report is now confidential", chosen, StringComparison.Ordinal);
        Assert.Contains("IT administrators and compliance tools can reach Teams chats", chosen, StringComparison.Ordinal);
        Assert.Contains("files can carry names", chosen, StringComparison.Ordinal);
        Assert.Contains("stored encrypted with the case, and the bot shows them to", chosen, StringComparison.Ordinal);

        // The account goes on where it was: the message before the choice is still in it.
        var rest = Intake.UpToReview()[2..];
        await chat.SayAllAsync(rest[..^1]);
        var review = string.Join("\n", await chat.ShownAsync(rest[^1]));
        Assert.Contains("as a confidential report: they see a code such as \"Reporter R-4K2F\", not your name", review, StringComparison.Ordinal);
        Assert.Contains("He shouted at me in the stand-up meeting", review, StringComparison.Ordinal);

        var receipt = string.Join("\n", await chat.SayAsync("submit"));
        var reference = Receipt.ReferenceIn(receipt);
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Equal(IdentityChoice.Confidential, record.Identity);
    }

    [Fact]
    public async Task Named_stays_the_default_and_can_be_chosen_back_at_the_review()
    {
        await using var app = new BotApp(azurite, Confidential.Settings(Custodian));
        var chat = new HttpChat(app.CreateClient());
        var words = Intake.UpToReview();
        await chat.SayAllAsync(words[..^1]);
        var review = string.Join("\n", await chat.ShownAsync(words[^1]));
        Assert.Contains("Type **confidential** if you'd rather they didn't see your name.", review, StringComparison.Ordinal);

        Assert.Contains("Your report is now confidential", string.Join("\n", await chat.SayAsync("confidential")), StringComparison.Ordinal);
        Assert.Contains("Your report carries your name from Teams again", string.Join("\n", await chat.SayAsync("named")), StringComparison.Ordinal);

        var reference = Receipt.ReferenceIn(string.Join("\n", await chat.SayAsync("submit")));
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Null(record.Identity);
        Assert.Null(record.SealedReporter);
        Assert.Equal(HttpChat.DefaultName, record.Reporter!.Name);
    }

    [Fact]
    public async Task Without_confidential_reporting_configured_nothing_offers_it_and_the_word_is_no_choice()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient());
        var welcome = string.Join("\n", await chat.SayAsync("report"));
        Assert.Contains("Your report carries your name from Teams", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain("confidential**", welcome, StringComparison.Ordinal);

        Assert.DoesNotContain(await chat.SayAsync("confidential"), r => r.Contains("Your report is now confidential", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("can I stay anonymous?")]
    [InlineData("is this anonymous")]
    public async Task Asked_about_staying_anonymous_the_answer_is_the_truth_and_the_confidential_option(string question)
    {
        await using var app = new BotApp(azurite, Confidential.Settings(Custodian));
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAsync("report");
        var answer = string.Join("\n", await chat.SayAsync(question));
        Assert.Contains("Not entirely: your Teams chats, this one included, are within reach of your organisation's IT administrators", answer, StringComparison.Ordinal);
        Assert.Contains("Type **confidential** to choose it.", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Identity:Confidential needs at least one Identity:Custodians entry")]
    [InlineData("not-base64!", "Identity:LocalKey must be base64 of exactly 32 bytes")]
    public void Confidential_reporting_without_a_custodian_or_a_good_key_stops_start_up(string? key, string failure)
    {
        var settings = new Dictionary<string, string?> { ["Identity:Confidential"] = "true", ["Identity:LocalKey"] = key ?? Confidential.LocalKey };
        if (key is not null)
        {
            settings["Identity:Custodians:0"] = Custodian;
        }

        using var app = new BotApp(azurite, settings);
        Assert.Contains(failure, app.StartupFailure(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_custodian_who_is_not_on_the_responder_roster_stops_start_up_naming_the_key()
    {
        var onRoster = Guid.NewGuid().ToString();
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Confidential"] = "true",
            ["Identity:LocalKey"] = Confidential.LocalKey,
            ["Identity:Custodians:0"] = onRoster.ToUpperInvariant(),
            ["Identity:Custodians:1"] = Custodian,
            ["Intake:Responders:1"] = onRoster,
        };

        using var app = new BotApp(azurite, settings);
        var failure = app.StartupFailure();

        Assert.Contains("Identity:Custodians:1 must also be in Intake:Responders", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("Identity:Custodians:0", failure, StringComparison.Ordinal);
    }
}
