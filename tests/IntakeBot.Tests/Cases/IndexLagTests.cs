using IntakeBot.Cases;
using IntakeBot.Tests.Capture;
using IntakeBot.Tests.EndToEnd;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Tests.Responders;
using IntakeBot.Tests.Retention;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Cases;

/// <summary>Azure's tag index is eventually consistent: a case just written may not be found by Find Blobs
/// by Tags for a while (<see cref="LaggingTagIndex"/> models it; Azurite never lags). Someone who has just
/// submitted is never told they have no reports.</summary>
public sealed class IndexLagTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string NoReports = "You have no submitted reports.";

    private static async Task<string> SubmitAsync(HttpChat chat)
    {
        return await chat.SubmitReportAsync();
    }

    [Fact]
    public async Task A_report_just_submitted_is_in_my_reports_before_the_index_finds_it()
    {
        var index = new LaggingTagIndex();
        await using var app = new BotApp(azurite, services: s => index.Install(azurite, s));
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);

        var mine = string.Join("\n", await reporter.SayAsync("my reports"));

        Assert.True(index.Hidden > 0, "The index should not have found the new case yet.");
        Assert.Contains(reference, mine, StringComparison.Ordinal);
        Assert.DoesNotContain(NoReports, mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_kept_right_after_a_submit_can_be_added_to_that_report_before_the_index_finds_it()
    {
        var index = new LaggingTagIndex();
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite, services: s => index.Install(azurite, s));
        var person = Guid.NewGuid().ToString();
        var chat = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));
        var reference = await SubmitAsync(chat);

        var response = await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(Guid.NewGuid().ToString(), "<p>He said it again in the channel</p>"), connector.ServiceUrl));
        Assert.StartsWith("Kept privately.", JObject.Parse(await response.Content.ReadAsStringAsync())["task"]!.Value<string>("value"), StringComparison.Ordinal);
        var offer = connector.Sent.Last(s => s.ConversationId == connector.PrivateChatOf(person)).Activity;

        Assert.True(index.Hidden > 0, "The index should not have found the new case yet.");
        Assert.Contains($"3. Add it to {reference}", MessageAction.Buttons(offer));
    }

    [Fact]
    public async Task A_report_a_responder_just_took_is_in_their_cases_before_the_index_finds_it()
    {
        var index = new LaggingTagIndex();
        var responder = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Intake:Responders:1"] = responder }, s => index.Install(azurite, s));
        var chat = new HttpChat(app.CreateClient(), responder);
        var reference = await chat.SubmitReportAsync(TakeReportTests.WholeTakenReport);

        var cases = string.Join("\n", await chat.SayAsync("cases"));

        Assert.True(index.Hidden > 0, "The index should not have found the new case yet.");
        Assert.Contains(reference, cases, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_index_finds_the_report_it_is_listed_once()
    {
        var index = new LaggingTagIndex();
        await using var app = new BotApp(azurite, services: s => index.Install(azurite, s));
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);

        index.CatchUp();
        var mine = (await reporter.SayAsync("my reports"))[0];

        Assert.Single(Receipt.Pattern().Matches(mine), m => m.Value == reference);
    }

    [Fact]
    public async Task A_report_deleted_since_it_was_submitted_is_not_listed()
    {
        var index = new LaggingTagIndex();
        await using var app = new BotApp(azurite, services: s => index.Install(azurite, s));
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);

        await app.Services.GetRequiredService<ICaseStore>().DeleteAsync(reference, CancellationToken.None);
        var mine = string.Join("\n", await reporter.SayAsync("my reports"));

        Assert.DoesNotContain(reference, mine, StringComparison.Ordinal);
        Assert.StartsWith(NoReports, mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_else_never_sees_a_report_just_submitted()
    {
        var index = new LaggingTagIndex();
        await using var app = new BotApp(azurite, services: s => index.Install(azurite, s));
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);
        var stranger = new HttpChat(app.CreateClient());

        var theirs = string.Join("\n", await stranger.SayAsync("my reports"));

        Assert.DoesNotContain(reference, theirs, StringComparison.Ordinal);
        Assert.StartsWith(NoReports, theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_conversation_forgets_the_reference_once_the_index_has_had_time_to_catch_up()
    {
        var index = new LaggingTagIndex();
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var app = new BotApp(azurite, services: s =>
        {
            index.Install(azurite, s);
            s.AddSingleton<TimeProvider>(time);
        });
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);
        var blobs = new CaseBlobs(azurite, app);
        Assert.NotEmpty(await blobs.StateBlobsContainingAsync(reference));

        time.Advance(TimeSpan.FromMinutes(16));
        index.CatchUp();
        var mine = string.Join("\n", await reporter.SayAsync("my reports"));

        Assert.Contains(reference, mine, StringComparison.Ordinal);
        Assert.Empty(await blobs.StateBlobsContainingAsync(reference));
    }

    [Fact]
    public async Task A_reporter_who_does_not_come_back_has_the_reference_dropped_from_the_state_once_its_time_is_up()
    {
        var index = new LaggingTagIndex();
        var time = new ManualTime(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?>
        {
            ["Healing:GraceMilliseconds"] = "1000",
            ["Healing:ScanIntervalMilliseconds"] = "200",
        };
        await using var app = new BotApp(azurite, settings, s =>
        {
            index.Install(azurite, s);
            s.AddSingleton<TimeProvider>(time);
        });
        var reporter = new HttpChat(app.CreateClient());
        var reference = await SubmitAsync(reporter);
        var blobs = new CaseBlobs(azurite, app);
        Assert.NotEmpty(await blobs.StateBlobsContainingAsync(reference));

        time.Advance(TimeSpan.FromMinutes(16));
        index.CatchUp();

        await Eventually.UntilAsync(async () => (await blobs.StateBlobsContainingAsync(reference)).Count == 0);
        Assert.Contains(reference, string.Join("\n", await reporter.SayAsync("my reports")), StringComparison.Ordinal);
    }
}
