using Azure;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>When saving a turn fails, the person is told what happened to their message, the channel
/// never sees a 500, and nothing they said reaches the log.</summary>
public sealed class TurnFailureTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Canary = "CANARY-7d1f0c-zebra-kettle";

    /// <summary>The real blob storage, except that writes fail once the intake is under way.</summary>
    private static BotApp AppWhoseStateWritesFail(AzuriteFixture azurite, Exception failure)
    {
        var failing = new Mock<IStorage>();
        return new BotApp(azurite, services: services => services.AddSingleton<IStorage>(sp =>
        {
            var real = new BlobStateStorage(sp.GetRequiredService<BlobContainers>().State);
            failing.Setup(s => s.ReadAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>()))
                .Returns((string[] keys, CancellationToken ct) => real.ReadAsync(keys, ct));
            failing.Setup(s => s.WriteAsync(It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()))
                .Returns((IDictionary<string, object> changes, CancellationToken ct) =>
                    changes.Values.Any(v => v.ToString()!.Contains(Canary, StringComparison.Ordinal) || Newtonsoft.Json.JsonConvert.SerializeObject(v).Contains(Canary, StringComparison.Ordinal))
                        ? Task.FromException(failure)
                        : real.WriteAsync(changes, ct));
            return failing.Object;
        }));
    }

    public static TheoryData<string, string> Failures() => new()
    {
        { "conflict", "Two of your messages arrived at the same moment" },
        { "storage", "Sorry, storage isn't reachable at the moment, so I can't tell yet whether your last message was saved" },
        { "bug", "Sorry, something went wrong on my side" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failed_save_gets_a_kind_reply_keeps_earlier_answers_and_logs_no_content(string kind, string reply)
    {
        Exception failure = kind switch
        {
            "conflict" => new StateConflictException(new RequestFailedException(412, $"precondition {Canary}")),
            "storage" => new RequestFailedException(503, $"unavailable {Canary}"),
            _ => new InvalidOperationException($"a bug that quotes {Canary}"),
        };
        await using var app = AppWhoseStateWritesFail(azurite, failure);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "The first thing that happened", "done", "skip", "It happened to me");

        var replies = await chat.SayAsync($"Monday {Canary}");

        Assert.StartsWith(reply, Assert.Single(replies), StringComparison.Ordinal);
        Assert.StartsWith("When did it happen?", (await chat.SayAsync("help"))[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(Canary, StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, line => line.Contains(failure.GetType().FullName!, StringComparison.Ordinal));
    }
}
