using IntakeBot.Cases.Answers;
using IntakeBot.Cases;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.Responders;

public sealed class TakeReportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string ResponderId = Guid.NewGuid().ToString();
    private static readonly TextCatalog Text = TextCatalog.Load();

    private BotApp NewApp(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Intake:Responders:1"] = ResponderId.ToUpperInvariant() };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new BotApp(azurite, all);
    }

    internal static readonly string[] WholeTakenReport =
    [
        "take a report",
        "Alex Kim, alex@contoso.test",
        "They agreed",
        "They said the comments started in March",
        "and that it happens in front of the team",
        "done",
        "Since March",
        "Yes",
        "In person",
        "skip",
        "Their manager",
        "skip",
        "They sounded tired and worried; they are new to the team",
        "skip",
        "They would like someone to check in with them",
    ];

    [Fact]
    public async Task A_responder_takes_a_whole_report_over_http_and_owns_the_case_it_makes()
    {
        await using var app = NewApp();
        var chat = new HttpChat(app.CreateClient(), ResponderId);

        var welcome = await chat.SayAsync(WholeTakenReport[0]);
        await chat.SayAllAsync(WholeTakenReport[1..]);
        var receipt = string.Join("\n", await chat.SayAsync("submit"));

        Assert.Contains(welcome, r => r.Contains("Don't question or judge their experience", StringComparison.Ordinal));
        var record = await new CaseBlobs(azurite, app).CaseAsync(Receipt.ReferenceIn(receipt));
        Assert.Equal(CaseKind.TakenByResponder, record.Kind);
        Assert.Equal(ResponderId, record.Owner);
        Assert.Equal(ResponderId, record.TakenBy!.AadObjectId);
        Assert.Null(record.Reporter);
        Assert.Equal("Alex Kim, alex@contoso.test", record.Answers.ReportedBy);
        Assert.Equal(["They said the comments started in March", "and that it happens in front of the team"], record.Answers.WhatHappened);
        Assert.Equal("They sounded tired and worried; they are new to the team", record.Answers.Impact);
        Assert.Equal("They would like someone to check in with them", record.Answers.QuestionsAndWishes);
        Assert.Equal(Classification.HighlyConfidential, record.Classification);
        Assert.Contains("visible only to you", receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tips_are_there_at_any_step_and_the_step_is_kept_and_prefers_not_to_say_is_recorded()
    {
        await using var app = NewApp();
        var chat = new TeamsChat(app, ResponderId);
        await chat.SayAsync("take a report");
        await chat.SayAllAsync("Prefers not to say", "They agreed");

        var tips = await chat.SayAsync("tips");

        Assert.StartsWith("Reminders while you take this report", tips[0], StringComparison.Ordinal);
        Assert.StartsWith("Note their account in their own words", tips[^1], StringComparison.Ordinal);
        await chat.SayAsync("Something happened at the offsite");
        var draft = await new CaseBlobs(azurite, app).DraftAsync();
        Assert.Equal(ReportedByAnswer.PrefersNotToSay, draft.Answers.ReportedByChoice);
        Assert.Empty(await new CaseBlobs(azurite, app).CaseBlobNamesAsync());
    }

    [Fact]
    public async Task Someone_not_on_the_roster_is_told_kindly_and_offered_report_and_nothing_is_kept()
    {
        await using var app = NewApp();
        var chat = new HttpChat(app.CreateClient());

        var replies = await chat.SayAsync("take a report");

        Assert.StartsWith("Taking a report for someone else is for the people who respond", Assert.Single(replies), StringComparison.Ordinal);
        Assert.Empty(await new CaseBlobs(azurite, app).CaseBlobNamesAsync());
        Assert.StartsWith("Thank you for reaching out", (await chat.SayAsync("report"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_report_survives_a_restart_of_the_bot_between_two_messages()
    {
        var settings = new Dictionary<string, string?>();
        var first = NewApp();
        settings["Storage:CasesContainer"] = first.CasesContainer;
        settings["Storage:StateContainer"] = first.StateContainer;
        var chat = new TeamsChat(first, ResponderId);
        await chat.SayAllAsync(WholeTakenReport[..6]);
        await first.DisposeAsync();

        await using var second = NewApp(settings);
        var later = new TeamsChat(second, ResponderId, conversationId: chat.ConversationId);
        Assert.StartsWith(Text[TextKey.AskSafeNowResponder], (await later.SayAsync("Since March, as they said"))[^1], StringComparison.Ordinal);
        await later.SayAllAsync(WholeTakenReport[7..]);
        var receipt = string.Join("\n", await later.SayAsync("submit"));

        var record = await new CaseBlobs(azurite, second).CaseAsync(Receipt.ReferenceIn(receipt));
        Assert.Equal("Alex Kim, alex@contoso.test", record.Answers.ReportedBy);
        Assert.Equal("Since March, as they said", record.Answers.When);
    }

    [Theory]
    [InlineData("alex")]
    [InlineData("Team Conduct Responders")]
    [InlineData("not an email@")]
    public async Task A_malformed_roster_entry_stops_start_up_with_a_message_naming_the_key(string entry)
    {
        await using var bot = new BotProcess(azurite);
        bot.Environment["Intake__Responders__1"] = entry;

        var (exitCode, output) = await bot.RunToExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Intake:Responders:1 is not an AAD object id or a UPN", output, StringComparison.Ordinal);
    }
}
