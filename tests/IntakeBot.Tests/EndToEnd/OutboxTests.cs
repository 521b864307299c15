using IntakeBot.Tests.Infrastructure;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>Messages to other people leave through a durable outbox (blobs, each taken under a blob
/// lease): with two real bot processes on one Azurite each is delivered once, and a process killed
/// with messages waiting leaves them to the next process, which delivers them once.</summary>
[LongRunning]
public sealed class OutboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    internal static BotProcess Bot(AzuriteFixture azurite)
    {
        var bot = new BotProcess(azurite);
        bot.Environment["Notifications__ScanIntervalMilliseconds"] = "200";
        bot.Environment["Notifications__ClaimAfterMilliseconds"] = "0";
        bot.Environment["Notifications__FirstRetryDelayMilliseconds"] = "200";
        return bot;
    }

    [Fact]
    public async Task Two_processes_deliver_each_owner_notification_exactly_once()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var first = Bot(azurite);
        await using var second = first.SameStorage(azurite);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        using var a = first.Client();
        using var b = second.Client();
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        var owner = new HttpChat(a, ownerAad, connector.ServiceUrl);
        await owner.SayAsync("hello");

        var references = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            var reporter = new HttpChat(i % 2 == 0 ? a : b, conversationId: $"a:{Guid.NewGuid():N}");
            return await reporter.SubmitReportAsync(Intake.UpToReview($"r{i}"));
        }));

        var blobs = new CaseBlobs(azurite, first.CasesContainer, first.StateContainer);
        foreach (var reference in references)
        {
            await connector.WaitForSentAsync(s => s.Value<string>("text")?.Contains(reference, StringComparison.Ordinal) == true, Patience);
        }

        await UntilAsync(async () => (await blobs.OutboxAsync()).Count == 0);
        Assert.Equal(references.Order(), connector.Sent.Where(s => s.ConversationId == owner.ConversationId).Select(s => Receipt.ReferenceIn(s.Activity.Value<string>("text")!)).Order());
        Assert.Empty(await blobs.OutboxAsync("outbox-dead/"));
    }

    [Fact]
    public async Task A_message_waiting_when_its_process_is_killed_is_delivered_by_the_restarted_process()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var bot = Bot(azurite);
        // Azure's shortest lease, and a retry as long: the kill may come while the attempt still holds the
        // entry or after it was put off, and either way the restarted process has to wait it out.
        bot.Environment["Notifications__LeaseSeconds"] = "15";
        bot.Environment["Notifications__FirstRetryDelayMilliseconds"] = "15000";
        await bot.StartAsync();
        using var client = bot.Client();
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        await new HttpChat(client, ownerAad, connector.ServiceUrl).SayAsync("hello");
        var reporter = new HttpChat(client);
        await reporter.SayAllAsync(Intake.UpToReview());
        var blobs = new CaseBlobs(azurite, bot.CasesContainer, bot.StateContainer);

        connector.FailNextReplies(int.MaxValue);
        var reference = Receipt.ReferenceIn(string.Join('\n', await reporter.SayAsync("submit")));
        await UntilAsync(() => Task.FromResult(bot.Output.Any(l => l.Contains($"The owner of case {reference} could not be notified this time", StringComparison.Ordinal))));
        await bot.KillAsync();
        Assert.Single(await blobs.OutboxAsync());
        Assert.Empty(connector.Sent);

        connector.FailNextReplies(0);
        bot.Environment["Notifications__FirstRetryDelayMilliseconds"] = "200";
        await bot.StartAsync();

        // The first process left the entry leased or rescheduled 15 s after its failed attempt; the new one
        // takes it up once that has run out.
        await connector.WaitForSentAsync(s => s.Value<string>("text")?.Contains(reference, StringComparison.Ordinal) == true, Patience + TimeSpan.FromSeconds(15));
        await UntilAsync(async () => (await blobs.OutboxAsync()).Count == 0);
        Assert.Single(connector.Sent);
    }
}
