using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Lifecycle;

/// <summary>A reporter whose closed case's harm happened again starts a follow-on with <c>again IR-…</c>:
/// only what is new is asked, the new case goes to the closed case's owner (not the default owner), and
/// both cases link to each other on the owner's cards. Only the reporter's own closed case can be
/// followed on; an open one is added to instead.</summary>
public sealed class FollowOnTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_follow_on_asks_only_what_is_new_and_reaches_the_closed_cases_owner_linked_both_ways()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var firstOwner = Guid.NewGuid().ToString();
        var laterDefault = Guid.NewGuid().ToString();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        Dictionary<string, string?> Settings(string defaultOwner) => new()
        {
            ["Intake:DefaultOwner"] = defaultOwner,
            ["Intake:Responders:0"] = firstOwner,
            ["Intake:Responders:1"] = laterDefault,
            ["Storage:CasesContainer"] = $"cases-{suffix}",
            ["Storage:StateContainer"] = $"state-{suffix}",
        };
        var reporterId = Guid.NewGuid().ToString();
        var reporterConversation = $"a:{Guid.NewGuid():N}";
        string closedCase;
        string ownerConversation;
        await using (var app = new BotApp(azurite, Settings(firstOwner)))
        {
            var reporter = new HttpChat(app.CreateClient(), reporterId, connector.ServiceUrl, reporterConversation);
            var owner = new HttpChat(app.CreateClient(), firstOwner, connector.ServiceUrl);
            ownerConversation = owner.ConversationId;
            closedCase = await reporter.SubmitReportAsync();
            await owner.SayAsync($"acknowledge {closedCase}");
            await owner.SayAsync($"close {closedCase} confirm");
            var closed = await connector.WaitForSentAsync(a => Text(a).Contains("has been closed", StringComparison.Ordinal), Patience);

            Assert.Contains($"If it happens again, type **again {closedCase}**", Text(closed.Activity), StringComparison.Ordinal);
            Assert.Contains($"again {closedCase}", closed.Activity.SelectTokens("$.suggestedActions.actions[*].value").Select(v => v.ToString()));
        }

        // The default owner changed since: the follow-on still goes to whoever had the closed case.
        await using (var app = new BotApp(azurite, Settings(laterDefault)))
        {
            var reporter = new HttpChat(app.CreateClient(), reporterId, connector.ServiceUrl, reporterConversation);
            var owner = new HttpChat(app.CreateClient(), firstOwner, connector.ServiceUrl, ownerConversation);
            var view = string.Join("\n", await reporter.ShownAsync($"view {closedCase}"));
            Assert.Contains($"again {closedCase}", view, StringComparison.Ordinal);

            var started = string.Join("\n", await reporter.ShownAsync($"pls again {closedCase}"));
            Assert.Contains($"This is a follow-on to {closedCase}", started, StringComparison.Ordinal);
            Assert.Contains("Tell me what happened this time", started, StringComparison.Ordinal);

            await reporter.SayAsync("he did it agian on monday, shouted at me in front of everyone");
            var when = string.Join("\n", await reporter.SayAsync("done"));
            Assert.Contains("When did it happen?", when, StringComparison.Ordinal);
            var evidence = string.Join("\n", await reporter.SayAsync("monday morning"));
            Assert.Contains("Do you have anything that shows what happened", evidence, StringComparison.Ordinal);
            var anythingElse = string.Join("\n", await reporter.SayAsync("nope that's all"));
            Assert.Contains("anything else", anythingElse, StringComparison.OrdinalIgnoreCase);
            var review = string.Join("\n", await reporter.ShownAsync("skip"));
            Assert.Contains($"goes to the person who handled {closedCase}", review, StringComparison.Ordinal);
            Assert.DoesNotContain("Who else was involved", review, StringComparison.Ordinal);
            Assert.DoesNotContain("Are you safe", review, StringComparison.Ordinal);

            var receipt = string.Join("\n", await reporter.SayAsync("submit"));
            var followOn = Receipt.ReferenceIn(receipt);
            Assert.NotEqual(string.Empty, followOn);
            Assert.NotEqual(closedCase, followOn);

            var told = await connector.WaitForSentAsync(a => Text(a).Contains(followOn, StringComparison.Ordinal), Patience);
            Assert.Equal(ownerConversation, told.ConversationId);
            Assert.Equal($"A follow-on report to {closedCase} has been submitted to you. Reference: {followOn}", Text(told.Activity));

            var newCard = string.Join("\n", await owner.ShownAsync($"case {followOn}"));
            Assert.Contains($"Follows on from {closedCase}", newCard, StringComparison.Ordinal);
            Assert.Contains("shouted at me in front of everyone", newCard, StringComparison.Ordinal);
            Assert.DoesNotContain("Who was involved", newCard, StringComparison.Ordinal);
            Assert.DoesNotContain("Safe right now", newCard, StringComparison.Ordinal);
            var closedCard = string.Join("\n", await owner.ShownAsync($"case {closedCase}"));
            Assert.Contains($"Follow-on reports: {followOn}", closedCard, StringComparison.Ordinal);

            // The later default owner is not given it.
            var other = new HttpChat(app.CreateClient(), laterDefault, connector.ServiceUrl);
            var refused = string.Join("\n", await other.ShownAsync($"case {followOn}"));
            Assert.DoesNotContain("Follows on from", refused, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_the_reporters_own_closed_case_can_be_followed_on_and_an_open_one_is_added_to()
    {
        await using var app = new BotApp(azurite);
        var reporter = new HttpChat(app.CreateClient());
        var reference = await reporter.SubmitReportAsync();

        var open = string.Join("\n", await reporter.SayAsync($"again {reference}"));
        Assert.Contains($"{reference} is still open", open, StringComparison.Ordinal);
        Assert.Contains($"add to {reference}", open, StringComparison.Ordinal);

        var someoneElse = new HttpChat(app.CreateClient());
        var notFound = string.Join("\n", await someoneElse.SayAsync($"again {reference}"));
        Assert.Equal("I couldn't find a report of yours with that reference. Type **my reports** to see your reports.", notFound);

        var noCase = string.Join("\n", await reporter.SayAsync("it happened again"));
        Assert.Contains("type **again** and its reference", noCase, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saying_in_plain_words_that_it_happened_again_offers_a_follow_on_that_keeps_what_was_written_and_loses_nothing_when_declined()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, OwnerSettings.For(ownerId));
        var owner = new HttpChat(app.CreateClient(), ownerId);
        var reporter = new HttpChat(app.CreateClient());
        var closed = await ClosedCaseAsync(reporter, owner);

        var offered = await reporter.ExchangeAsync("hes doing it again, he shouted at me in the corridor today");
        var offer = string.Join("\n", offered.Select(Text));
        Assert.Contains($"I can start a follow-on to {closed}", offer, StringComparison.Ordinal);
        Assert.Contains($"again {closed}", offered.SelectMany(a => a.SelectTokens("$..suggestedActions.actions[*].value")).Select(v => v.ToString()));
        Assert.DoesNotContain("Thank you for reaching out", offer, StringComparison.Ordinal);

        var declined = string.Join("\n", await reporter.SayAsync("nope"));
        Assert.Contains("This isn't saved as a report. Would you like to start a report with it", declined, StringComparison.Ordinal);
        await reporter.SayAsync("not now");

        await reporter.SayAsync("it happend agian on friday, same as before, in front of the whole team");
        var started = string.Join("\n", await reporter.SayAsync("yeah"));
        Assert.Contains($"This is a follow-on to {closed}", started, StringComparison.Ordinal);
        await reporter.SayAsync("done");
        await reporter.SayAsync("friday afternoon");
        await reporter.SayAsync("no");
        var review = string.Join("\n", await reporter.ShownAsync("skip"));
        Assert.Contains("it happend agian on friday, same as before, in front of the whole team", review, StringComparison.Ordinal);
        Assert.DoesNotContain("Who else was involved", review, StringComparison.Ordinal);
        var followOn = Receipt.ReferenceIn(string.Join("\n", await reporter.SayAsync("submit")));
        var card = string.Join("\n", await owner.ShownAsync($"case {followOn}"));
        Assert.Contains($"Follows on from {closed}", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_several_closed_cases_the_person_is_asked_which_and_can_type_its_reference()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, OwnerSettings.For(ownerId));
        var owner = new HttpChat(app.CreateClient(), ownerId);
        var reporter = new HttpChat(app.CreateClient());
        var older = await ClosedCaseAsync(reporter, owner);
        var newer = await ClosedCaseAsync(reporter, owner);

        var offered = await reporter.ExchangeAsync("its started again, the comments about my accent in every meeting");
        var choices = offered.SelectMany(a => a.SelectTokens("$..suggestedActions.actions[*].value")).Select(v => v.ToString()).ToList();
        Assert.Equal([$"again {newer}", $"again {older}", "No, something new"], choices);
        Assert.Contains("Which report is it about?", string.Join("\n", offered.Select(Text)), StringComparison.Ordinal);

        var started = string.Join("\n", await reporter.SayAsync(older.ToLowerInvariant()));
        Assert.Contains($"This is a follow-on to {older}", started, StringComparison.Ordinal);
    }

    /// <summary>A report of <paramref name="reporter"/>'s, submitted, acknowledged and closed by <paramref name="owner"/>.</summary>
    private static async Task<string> ClosedCaseAsync(HttpChat reporter, HttpChat owner)
    {
        var reference = await reporter.SubmitReportAsync();
        await owner.SayAsync($"acknowledge {reference}");
        await owner.SayAsync($"close {reference} confirm");
        return reference;
    }

    private static string Text(JObject activity) => activity.Value<string>("text") ?? string.Empty;
}
