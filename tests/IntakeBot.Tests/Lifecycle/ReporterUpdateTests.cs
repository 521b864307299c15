using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.Lifecycle;

/// <summary>The reporter hears of an acknowledgement and a closing in Teams, through the outbox, with the
/// reference and the kind of update only.</summary>
public sealed class ReporterUpdateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Canary = "CANARY-7e1b-lantern-otter";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_reporter_is_told_of_acknowledgement_and_closing_by_reference_only_even_after_a_restart()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string?>
        {
            ["Intake:DefaultOwner"] = ownerId,
            ["Intake:Responders:0"] = ownerId,
            ["Storage:CasesContainer"] = $"cases-{suffix}",
            ["Storage:StateContainer"] = $"state-{suffix}",
        };
        var reporterId = Guid.NewGuid().ToString();
        string reference;
        string reporterConversation;
        await using (var app = new BotApp(azurite, settings))
        {
            var reporter = new HttpChat(app.CreateClient(), reporterId, connector.ServiceUrl);
            reporterConversation = reporter.ConversationId;
            reference = await reporter.SubmitReportAsync(Intake.UpToReview(Canary));
            await UntilAsync(() => app.Logs.Lines.Any(l => l.Contains($"The owner of case {reference} could not be notified", StringComparison.Ordinal)));
        }

        // A new process: the reporter's conversation was stored, not kept in memory.
        await using (var app = new BotApp(azurite, settings))
        {
            var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
            await owner.SayAsync($"acknowledge {reference}");
            var acknowledged = await connector.WaitForSentAsync(a => Text(a).Contains("acknowledged", StringComparison.Ordinal), Patience);
            await owner.SayAsync($"review {reference}");
            await owner.SayAsync($"close {reference} confirm");
            var closed = await connector.WaitForSentAsync(a => Text(a).Contains("has been closed", StringComparison.Ordinal), Patience);

            Assert.Equal(reporterConversation, acknowledged.ConversationId);
            Assert.Equal($"There is an update on your report {reference}: its owner has acknowledged it. Type **my reports** to see where it stands.", Text(acknowledged.Activity));
            Assert.Equal(reporterConversation, closed.ConversationId);
            Assert.StartsWith($"Your report {reference} has been closed: the person handling it has finished working on it.", Text(closed.Activity), StringComparison.Ordinal);
            Assert.Equal(2, connector.Sent.Count(s => s.ConversationId == reporterConversation));
            Assert.DoesNotContain(connector.Sent, s => s.Activity.ToString().Contains(Canary, StringComparison.Ordinal));
        }
    }

    private static string Text(JObject activity) => activity.Value<string>("text") ?? string.Empty;
}
