using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.Lifecycle;

/// <summary>Replies find their way, over HTTP: after the owner writes, the reporter's plain messages go to
/// the owner's thread, each confirmed, until the reporter does something else; a message that could be a
/// command is asked about; the same words sent twice are kept once; a closed case still takes a message
/// for <c>Lifecycle:ClosedReplyWindow</c> and says so.</summary>
public sealed class ReplyThreadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Dictionary<string, string?> Settings(string ownerId, params (string Key, string Value)[] more)
        => OwnerSettings.For(ownerId, more);

    private static async Task<string> SubmitAsync(HttpChat reporter)
    {
        return await reporter.SubmitReportAsync();
    }

    [Fact]
    public async Task After_the_owner_asks_the_reporters_plain_answers_reach_the_owner_until_they_do_something_else()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId));
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);
        var owner = new HttpChat(app.CreateClient(), ownerId);
        await owner.SayAsync($"message {reference} Are you somewhere safe right now?");
        await reporter.SayAsync($"view {reference}");

        var answer = await reporter.SayAsync("yeah im at my sisters now, he dosnt know where she lives i think");
        var more = await reporter.SayAsync("thx for asking");

        // "knows where she lives" may be heard as a threat (help first is a cheap false alarm); the
        // answer still reaches the owner.
        Assert.StartsWith($"Sent to the person handling {reference}.", answer[^1], StringComparison.Ordinal);
        Assert.StartsWith($"Sent to the person handling {reference}.", more[0], StringComparison.Ordinal);
        Assert.DoesNotContain(answer.Concat(more), r => r.Contains("start a report", StringComparison.OrdinalIgnoreCase));
        var card = await owner.ShownAsync($"case {reference}");
        Assert.Contains("from the reporter: yeah im at my sisters now, he dosnt know where she lives i think", card[0], StringComparison.Ordinal);
        Assert.Contains("from the reporter: thx for asking", card[0], StringComparison.Ordinal);

        // A command is still a command, and once they did something else their words start nothing there.
        var listed = await reporter.SayAsync("my reports");
        Assert.Contains(reference, listed[0], StringComparison.Ordinal);
        var later = await reporter.SayAsync("ok thanks");
        Assert.DoesNotContain(later, r => r.StartsWith("Sent to the person handling", StringComparison.Ordinal));
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Equal(2, record.Messages.Count(m => m.From == CaseMessage.FromReporter));
    }

    [Fact]
    public async Task A_message_that_could_be_a_command_is_asked_about_and_either_choice_works()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId));
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);
        var owner = new HttpChat(app.CreateClient(), ownerId);
        await owner.SayAsync($"message {reference} Would you like us to move your desk?");

        var asked = await reporter.ExchangeAsync("help... i dont know, maybe yes??");
        var actions = asked[0]["suggestedActions"]!["actions"]!.Select(a => (Title: a.Value<string>("title"), Value: a.Value<string>("value"))).ToList();
        Assert.StartsWith($"Is this for the person handling {reference}, or did you mean **help**?", asked[0].Value<string>("text"), StringComparison.Ordinal);
        Assert.Equal(2, actions.Count);
        Assert.Equal($"Send it to {reference}", actions[0].Title);

        var sent = await reporter.SayAsync(actions[0].Value!);
        Assert.StartsWith($"Your reply is saved in {reference}", sent[0], StringComparison.Ordinal);
        var help = await reporter.SayAsync(actions[1].Value!);
        Assert.StartsWith("Here's what I can do", help[0], StringComparison.Ordinal);
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Equal(["help... i dont know, maybe yes??"], record.Messages.Where(m => m.From == CaseMessage.FromReporter).Select(m => m.Text));
    }

    [Fact]
    public async Task Reply_takes_several_messages_and_the_same_words_sent_again_are_kept_once()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId));
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);
        var owner = new HttpChat(app.CreateClient(), ownerId);
        await owner.SayAsync($"message {reference} Can we talk tuesday?");

        await reporter.SayAsync($"reply {reference}");
        var first = await reporter.SayAsync("tuesday is fine");
        var second = await reporter.SayAsync("after 2pm pls");
        var again = await reporter.SayAsync("after 2pm pls");
        var done = await reporter.SayAsync("done");

        Assert.StartsWith($"Your reply is saved in {reference}", first[0], StringComparison.Ordinal);
        Assert.StartsWith($"Sent to the person handling {reference}.", second[0], StringComparison.Ordinal);
        Assert.StartsWith($"That message is already in {reference}, so I kept it once.", again[0], StringComparison.Ordinal);
        Assert.StartsWith("Thank you. What you sent is in", done[0], StringComparison.Ordinal);
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Equal(["tuesday is fine", "after 2pm pls"], record.Messages.Where(m => m.From == CaseMessage.FromReporter).Select(m => m.Text));
    }

    [Fact]
    public async Task An_addition_sent_twice_is_kept_once_and_the_person_is_told_it_is_there()
    {
        await using var app = new BotApp(azurite, Settings(Guid.NewGuid().ToString()));
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);

        await reporter.SayAsync($"add to {reference}");
        var first = await reporter.SayAsync("he did it agian this morning in the kitchen");
        var again = await reporter.SayAsync("he did it agian this morning in the kitchen");
        await reporter.SayAsync("done");

        Assert.StartsWith($"Added to {reference}.", first[0], StringComparison.Ordinal);
        // The same words sent again are recognised before the addition is taken (ConversationTurn.SaidAgain).
        Assert.StartsWith("I have that message already", again[0], StringComparison.Ordinal);
        Assert.Single((await new CaseBlobs(azurite, app).CaseAsync(reference)).Additions);
    }

    [Fact]
    public async Task The_owners_plain_answer_after_the_reporter_replied_goes_to_the_reporter()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId));
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);
        var owner = new HttpChat(app.CreateClient(), ownerId);
        await owner.SayAsync($"message {reference} Are you ok to talk this week?");
        await reporter.SayAsync($"reply {reference} yes but not monday");

        var answered = await owner.SayAsync("Great, Tuesday 10:00 in room 4 then");

        Assert.StartsWith($"Your message is saved in {reference}.", answered[0], StringComparison.Ordinal);
        var view = await reporter.ShownAsync($"view {reference}");
        Assert.Contains("Great, Tuesday 10:00 in room 4 then", view[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_who_types_something_unknown_gets_the_owners_help_not_the_greeting()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId));
        var owner = new HttpChat(app.CreateClient(), ownerId);

        var answer = await owner.SayAsync("shwo me the open ones");

        Assert.Contains("As a case owner you can also type", answer[0], StringComparison.Ordinal);
        Assert.DoesNotContain(answer, r => r.StartsWith("Hi, I'm IntakeBot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_greeting_does_not_decide_for_the_person_whether_it_counts()
    {
        await using var app = new BotApp(azurite, Settings(Guid.NewGuid().ToString()));
        var person = new HttpChat(app.CreateClient());

        var greeting = await person.SayAsync("hello?? anyone there");

        Assert.StartsWith("Hi, I'm IntakeBot", greeting[0], StringComparison.Ordinal);
        Assert.Contains("even if you're not sure whether it counts", greeting[0], StringComparison.Ordinal);
        Assert.DoesNotContain("couldn't resolve yourself", greeting[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_case_tells_the_reporter_plainly_with_support_and_still_takes_a_message()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, Settings(ownerId, ("Intake:SupportResource", "the Employee Assistance Programme, 0800 123 456")));
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var reference = await SubmitAsync(reporter);
        await UntilAsync(() => app.Logs.Lines.Any(l => l.Contains($"The owner of case {reference} could not be notified", StringComparison.Ordinal)));
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);

        await owner.SayAsync($"close {reference} confirm");
        var closed = await connector.WaitForSentAsync(a => (a.Value<string>("text") ?? string.Empty).Contains("has been closed", StringComparison.Ordinal), Patience);
        var after = await reporter.SayAsync($"reply {reference} it happened again yesterday, what do i do now");

        var told = closed.Activity.Value<string>("text");
        Assert.Contains("you can still send them a message for 30 days", told, StringComparison.Ordinal);
        Assert.Contains("the Employee Assistance Programme, 0800 123 456", told, StringComparison.Ordinal);
        Assert.StartsWith($"Your reply is saved in {reference}", after[0], StringComparison.Ordinal);
        await UntilAsync(async () => (await new CaseBlobs(azurite, app).CaseAsync(reference)).Messages.Any(m => m.Text.StartsWith("it happened again", StringComparison.Ordinal)));
    }
}
