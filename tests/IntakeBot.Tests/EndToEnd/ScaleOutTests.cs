using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.EndToEnd;

[LongRunning]
public sealed class ScaleOutTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Two_bot_processes_on_the_same_storage_each_taking_messages_at_random_complete_every_intake()
    {
        await using var first = new BotProcess(azurite);
        await using var second = first.SameStorage(azurite);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        using var a = first.Client();
        using var b = second.Client();
        var random = new Random(20261124);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            var aadObjectId = Guid.NewGuid().ToString();
            var conversation = $"a:{Guid.NewGuid():N}";
            string[] lines = ["report", $"Account {i}, part one", $"Account {i}, part two", "done", "skip", "It happened to me", $"When {i}", "No", "Yes", "Online", $"Place {i}", "skip", "skip", "skip", "skip", "skip", $"Contact {i}", "skip", "submit"];
            IReadOnlyList<string> last = [];
            foreach (var line in lines)
            {
                HttpClient client;
                lock (random)
                {
                    client = random.Next(2) == 0 ? a : b;
                }

                last = await new HttpChat(client, aadObjectId, conversationId: conversation).SayAsync(line);
            }

            return (i, Receipt.ReferenceIn(string.Join("\n", last)));
        }));

        var blobs = new CaseBlobs(azurite, first.CasesContainer, first.StateContainer);
        foreach (var (i, reference) in receipts)
        {
            var record = await blobs.CaseAsync(reference);
            Assert.Equal([$"Account {i}, part one", $"Account {i}, part two"], record.Answers.WhatHappened);
            Assert.Equal($"Place {i}", record.Answers.Place);
            Assert.Equal($"Contact {i}", record.Answers.Contact);
        }
    }
}
