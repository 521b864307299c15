using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Conversation;

/// <summary>A first message that reads like an account, with no report under way, over HTTP (channel
/// <c>msteams</c>): it is acknowledged and offered as the start of a report, kept only on yes, and gone
/// from every blob on "not now".</summary>
public sealed class AccountOfferTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TextCatalog Text = TextCatalog.Load();
    private BotApp _app = null!;
    private HttpClient _client = null!;
    private CaseBlobs _blobs = null!;

    public Task InitializeAsync()
    {
        _app = new BotApp(azurite);
        _client = _app.CreateClient();
        _blobs = new CaseBlobs(azurite, _app);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Yes_starts_the_report_with_the_first_message_as_the_first_part_of_what_happened_in_the_transcript_too()
    {
        const string First = "My manager shouted at me in front of the whole team this morning";
        const string Second = "He said my work was useless and that everyone laughs at it";
        var chat = new HttpChat(_client);

        var offered = await chat.ExchangeAsync(First);
        var more = await chat.SayAsync(Second);
        var started = await chat.SayAsync("yes");
        var reference = await chat.SubmitReportAsync([.. Intake.UpToReview()[3..]]);

        var offer = Assert.Single(offered);
        Assert.StartsWith("Thank you for telling me. This isn't saved as a report.", Said(offer), StringComparison.Ordinal);
        Assert.Equal([Text[TextKey.ChoiceStartWithThis], Text[TextKey.ChoiceNotNow]], SuggestedActions(offer));
        Assert.Equal([Text[TextKey.AccountOfferAddedMore]], more);
        Assert.Contains(started, r => r.Contains("carries your name", StringComparison.Ordinal));
        Assert.Equal(Text[TextKey.AccountContinues], started[^1]);
        var record = await _blobs.CaseAsync(reference);
        Assert.Equal([First, Second], record.Answers.WhatHappened);
        var transcript = await _blobs.TranscriptAsync(reference);
        Assert.Equal([First, Second, "yes"], transcript.Where(e => e.Direction == TranscriptDirection.In).Take(3).Select(e => e.Text));
        Assert.Equal(Said(offer), transcript[1].Text);
    }

    [Fact]
    public async Task The_first_message_button_is_typed_back_and_the_account_then_goes_on_as_usual()
    {
        const string First = "Someone in my team keeps making comments about my accent in meetings";
        var chat = new HttpChat(_client);
        await chat.SayAsync(First);

        await chat.SayAsync(Text[TextKey.ChoiceStartWithThis]);
        var second = await chat.ExchangeAsync("It happened again on Friday");

        Assert.Contains(second, r => SuggestedActions(r).Contains(Text[TextKey.ChoiceDone]));
        var draft = await _blobs.DraftAsync();
        Assert.Equal([First, "It happened again on Friday"], draft.Answers.WhatHappened);
    }

    [Theory]
    [InlineData("Not now")]
    [InlineData("no thanks")]
    [InlineData("cancel")]
    public async Task Not_now_leaves_nothing_of_the_first_message_in_any_blob(string answer)
    {
        var canary = $"canary-{Guid.NewGuid():N}";
        var first = $"A colleague keeps sending me messages late at night {canary}";
        var chat = new HttpChat(_client);
        await chat.SayAsync(first);
        Assert.NotEmpty(await _blobs.StateBlobsContainingAsync(canary));

        var declined = await chat.SayAsync(answer);

        Assert.Equal([Text.Format(TextKey.AccountOfferDeclinedBackups, "7 days")], declined);
        Assert.Empty(await _blobs.StateBlobsContainingAsync(canary));
        Assert.Empty(await _blobs.CaseBlobNamesAsync());
        Assert.Contains(await chat.SayAsync("report"), r => r.Contains(Text[TextKey.AskWhatHappened], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("note IR-ABCD2345 called him back about the meeting on Tuesday morning")]
    [InlineData("message IR-ABCD2345 could we talk about what happened on Tuesday please")]
    [InlineData("reply IR-ABCD2345 yes I can talk after lunch on Tuesday if that works")]
    [InlineData("share IR-ABCD2345 with alex@contoso.test and kim@contoso.test and robin")]
    public async Task A_command_is_never_taken_as_an_account(string command)
    {
        var chat = new HttpChat(_client);

        var replies = await chat.ExchangeAsync(command);

        Assert.Contains(Said(Assert.Single(replies)), new[] { Text[TextKey.CaseNotFound], Text[TextKey.OwnerCaseNotFound] });
        Assert.DoesNotContain(replies, r => Said(r).Contains("This isn't saved as a report", StringComparison.Ordinal));
        Assert.All(replies, r => Assert.Empty(SuggestedActions(r).Intersect([Text[TextKey.ChoiceStartWithThis]])));
        Assert.Empty(await _blobs.StateBlobsContainingAsync("Tuesday"));
    }

    [Fact]
    public async Task Help_while_the_offer_is_open_is_answered_and_the_offer_still_stands()
    {
        const string First = "I was left out of every meeting after I raised a concern last month";
        var chat = new HttpChat(_client);
        await chat.SayAsync(First);

        var help = await chat.ExchangeAsync("help");
        await chat.SayAsync("yes");

        Assert.Contains(help, r => Said(r).StartsWith("Here's what I can do", StringComparison.Ordinal));
        Assert.Contains(help, r => SuggestedActions(r).Contains(Text[TextKey.ChoiceStartWithThis]));
        Assert.Equal([First], (await _blobs.DraftAsync()).Answers.WhatHappened);
    }

    private static string Said(JObject reply) => reply.Value<string>("text") ?? string.Empty;

    private static List<string> SuggestedActions(JObject reply)
        => [.. (reply.SelectToken("suggestedActions.actions") as JArray ?? []).Select(a => a.Value<string>("title") ?? string.Empty)];
}
