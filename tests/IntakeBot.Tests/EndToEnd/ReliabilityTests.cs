using System.Net;
using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.EndToEnd;

public sealed class ReliabilityTests(OwnAzuriteFixture azurite) : IClassFixture<OwnAzuriteFixture>
{
    [Fact]
    public async Task An_activity_delivered_twice_has_exactly_one_effect()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "First part");
        var activity = chat.Next("Second part", id: "teams-activity-42");

        var first = await chat.PostAsync(activity);
        var again = await chat.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty(JObject.Parse(await again.Content.ReadAsStringAsync())["activities"]!);
        Assert.NotEmpty(JObject.Parse(await first.Content.ReadAsStringAsync())["activities"]!);
        var blobs = new CaseBlobs(azurite, app);
        var draft = await blobs.DraftAsync();
        Assert.Equal(["First part", "Second part"], draft.Answers.WhatHappened);
        Assert.Single(draft.PendingTranscript, e => e.Direction == TranscriptDirection.In && e.Text == "Second part");
    }

    [Fact]
    public async Task Two_messages_of_one_conversation_at_the_same_moment_never_corrupt_the_dialog_stack()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "The start of it");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            chat.PostAsync(chat.Next($"part {i}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var texts = new List<string>();
        foreach (var response in responses)
        {
            texts.AddRange(JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]!.Select(a => a.Value<string>("text")!));
        }

        var catalog = TextCatalog.Load();
        string[] acknowledgements = [.. Enumerable.Range(1, 6).Select(n => Acknowledgements.ForAccountMessage(catalog, n))];
        Assert.All(texts, t => Assert.True(acknowledgements.Contains(t) || t.StartsWith("Two of your messages arrived at the same moment", StringComparison.Ordinal), t));
        var kept = texts.Count(acknowledgements.Contains);
        Assert.StartsWith("Is there anything else about what was said or done", (await chat.SayAsync("done"))[^1], StringComparison.Ordinal);
        var answers = (await new CaseBlobs(azurite, app).DraftAsync()).Answers;
        Assert.Equal("The start of it", answers.WhatHappened[0]);
        Assert.Equal(1 + kept, answers.WhatHappened.Count);
    }

    [Fact]
    public async Task A_hundred_conversations_in_parallel_keep_their_cases_apart()
    {
        await using var app = new BotApp(azurite);
        var client = app.CreateClient();
        // This is about keeping cases apart, not speed: on two busy cores a hundred turns in flight can
        // keep one waiting past HttpClient's default 100 s.
        client.Timeout = TimeSpan.FromMinutes(10);
        var chats = Enumerable.Range(0, 100).Select(_ => new HttpChat(client)).ToList();

        var receipts = await Task.WhenAll(chats.Select(async (chat, i) =>
        {
            await chat.SayAllAsync("report", $"Account number {i}", "done", "skip", "It happened to me", $"When {i}", "No", "Yes", "Online", "skip", "skip", "skip", "skip", "skip", "skip");
            return await chat.SubmitReportAsync($"Contact {i}", "skip");
        }));

        Assert.Equal(100, receipts.Distinct().Count());
        var blobs = new CaseBlobs(azurite, app);
        for (var i = 0; i < 100; i++)
        {
            var record = await blobs.CaseAsync(receipts[i]);
            Assert.Equal([$"Account number {i}"], record.Answers.WhatHappened);
            Assert.Equal($"Contact {i}", record.Answers.Contact);
            Assert.Equal(chats[i].AadObjectId, record.Reporter!.AadObjectId);
        }
    }
}
