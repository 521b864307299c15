using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.Responders;

public sealed class NotificationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Canary = "CANARY-4c2d-heron-teapot";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_owner_of_a_new_self_report_is_messaged_in_teams_with_the_reference_and_nothing_else()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        var owner = new HttpChat(app.CreateClient(), ownerAad, connector.ServiceUrl);
        await owner.SayAsync("hello");

        var reporter = new HttpChat(app.CreateClient());
        await reporter.SayAllAsync(Intake.UpToReview(Canary));
        var receipt = string.Join("\n", await reporter.SayAsync("submit"));

        var reference = Receipt.ReferenceIn(receipt);
        var (conversationId, activity) = await connector.WaitForSentAsync(_ => true, Patience);
        Assert.Equal(owner.ConversationId, conversationId);
        Assert.Equal($"A new report has been submitted to you. Reference: {reference}", activity.Value<string>("text"));
        Assert.DoesNotContain(Canary, activity.ToString(), StringComparison.Ordinal);
        Assert.Single(connector.Sent);
    }

    [Fact]
    public async Task A_notification_the_connector_took_while_the_bot_was_stopping_is_not_left_to_be_sent_again()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var app = new BotApp(azurite);
        var blobs = new CaseBlobs(azurite, app);
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        await new HttpChat(app.CreateClient(), ownerAad, connector.ServiceUrl).SayAsync("hello");
        var reporter = new HttpChat(app.CreateClient());
        await reporter.SayAllAsync(Intake.UpToReview());

        // The connector takes the owner's notification and is slow to answer; the bot is stopped meanwhile.
        connector.HoldAnswers();
        var reference = Receipt.ReferenceIn(string.Join("\n", await reporter.SayAsync("submit")));
        await connector.WaitForSentAsync(a => a.Value<string>("text")?.Contains(reference, StringComparison.Ordinal) == true, Patience);
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = app.DisposeAsync().AsTask();
        await Task.Run(() => lifetime.ApplicationStopping.WaitHandle.WaitOne(Patience));
        connector.AnswerHeld();
        await stopping;

        // Nothing is left in the outbox for the next start (here or on another instance) to send again.
        Assert.Empty(await blobs.OutboxAsync());
        Assert.Single(connector.Sent);
    }

    [Fact]
    public async Task A_notification_that_fails_twice_is_delivered_on_the_third_try_and_the_owner_sees_no_error()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Notifications:MaxAttempts"] = "3",
            ["Notifications:FirstRetryDelayMilliseconds"] = "20",
        });
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        var owner = new HttpChat(app.CreateClient(), ownerAad, connector.ServiceUrl);
        await owner.SayAsync("hello");
        var reporter = new HttpChat(app.CreateClient());
        await reporter.SayAllAsync(Intake.UpToReview());

        connector.FailNextReplies(2);
        var reference = Receipt.ReferenceIn(string.Join("\n", await reporter.SayAsync("submit")));

        var (conversationId, activity) = await connector.WaitForSentAsync(_ => true, Patience);
        Assert.Equal(owner.ConversationId, conversationId);
        Assert.Equal($"A new report has been submitted to you. Reference: {reference}", activity.Value<string>("text"));
        Assert.Single(connector.Sent);
        Assert.Equal(2, app.Logs.Lines.Count(l => l.Contains($"The owner of case {reference} could not be notified this time", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task When_the_owner_never_talked_to_the_bot_the_case_is_still_submitted_and_the_log_says_so_without_content()
    {
        await using var app = new BotApp(azurite);
        var reporter = new HttpChat(app.CreateClient());

        await reporter.SayAllAsync(Intake.UpToReview(Canary));
        var receipt = string.Join("\n", await reporter.SayAsync("submit"));

        var reference = Receipt.ReferenceIn(receipt);
        Assert.Equal(CaseStatus.Submitted, (await new CaseBlobs(azurite, app).CaseAsync(reference)).Status);
        await UntilAsync(() => app.Logs.Lines.Any(l => l.Contains($"The owner of case {reference} could not be notified", StringComparison.Ordinal)));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(Canary, StringComparison.Ordinal));
    }
}
