using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Models;
using IntakeBot.Tests.Infrastructure;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.Lifecycle;

/// <summary>A case whose status a newer version of the bot wrote (during a rolling update, or after a
/// rollback), over HTTP on Azurite: its owner and its reporter are told calmly that it is kept as it is and
/// that nothing they just sent went into it; anyone else gets the answer for a case that does not exist;
/// case.json is never written.</summary>
public sealed class NewerVersionCaseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string OwnerNotFound = "I couldn't find a case with that reference among the cases you own.";
    private const string ReporterNotFound = "I couldn't find a report of yours with that reference. Type **my reports** to see your reports.";

    private static string ToOwner(string reference) => $"{reference} is kept just as it is, but it was last changed by a newer version of this bot";

    private static string ToReporter(string reference) => $"Your report {reference} is kept just as it is, but it was last changed by a newer version of this bot";

    [Fact]
    public async Task Owner_and_reporter_commands_on_a_case_a_newer_version_changed_say_it_is_kept_as_it_is_and_change_nothing()
    {
        var owner = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Intake:DefaultOwner"] = owner,
            ["Intake:Responders:0"] = owner,
        });
        var reporter = new HttpChat(app.CreateClient());
        var responder = new HttpChat(app.CreateClient(), owner);
        var stranger = new HttpChat(app.CreateClient());
        var reference = await reporter.SubmitReportAsync();
        await responder.SayAsync($"message {reference} could we talk on Tuesday?");
        Assert.StartsWith($"What would you like to add to **{reference}**", (await reporter.SayAsync($"add to {reference}"))[0], StringComparison.Ordinal);
        var blobs = new CaseBlobs(azurite, app);
        await UntilAsync(async () => (await blobs.CaseAsync(reference)).Messages.Count == 1);
        var written = await WriteStatusOfANewerVersionAsync(blobs, reference);

        var ownerAnswers = new List<string>();
        foreach (var command in new[] { $"case {reference}", $"access {reference}", $"note {reference} called them", $"message {reference} are you free on Friday?", $"acknowledge {reference}", $"close {reference} confirm", $"share {reference} with alex@contoso.test", $"revoke {reference} from alex@contoso.test", $"transfer {reference} to {Guid.NewGuid()}", $"hold {reference}", $"release {reference}" })
        {
            ownerAnswers.Add(Assert.Single(await responder.SayAsync(command)));
        }

        var inTheAddition = await reporter.SayAsync("It happened again today");
        var additionEnded = await reporter.SayAsync("done");
        var reporterAnswers = new List<string>();
        foreach (var command in new[] { $"view {reference}", $"reply {reference} yes, Tuesday works", $"reply {reference}", $"add to {reference}" })
        {
            reporterAnswers.Add(Assert.Single(await reporter.SayAsync(command)));
        }

        Assert.All(ownerAnswers, a => Assert.StartsWith(ToOwner(reference), a, StringComparison.Ordinal));
        Assert.All(ownerAnswers, a => Assert.Contains("nothing you sent just now was saved to it", a, StringComparison.Ordinal));
        Assert.StartsWith(ToReporter(reference), inTheAddition[0], StringComparison.Ordinal);
        Assert.Equal($"Nothing was added to {reference}.", additionEnded[0]);
        Assert.All(reporterAnswers, a => Assert.StartsWith(ToReporter(reference), a, StringComparison.Ordinal));
        Assert.All(reporterAnswers, a => Assert.Contains("nothing you sent just now was added to it", a, StringComparison.Ordinal));
        foreach (var (command, notFound) in new[] { ($"note {reference} called them", OwnerNotFound), ($"case {reference}", OwnerNotFound), ($"view {reference}", ReporterNotFound), ($"add to {reference}", ReporterNotFound) })
        {
            Assert.Equal(notFound, Assert.Single(await stranger.SayAsync(command)));
        }

        Assert.Equal(written, await blobs.RawCaseJsonAsync(reference));
    }

    /// <summary>case.json as a newer version leaves it: a status this version has no name for, the blob's
    /// index tags and metadata kept. Returns what was written.</summary>
    private static async Task<string> WriteStatusOfANewerVersionAsync(CaseBlobs blobs, string reference)
    {
        var blob = blobs.Cases.GetBlobClient($"{reference}/case.json");
        var tags = (await blob.GetTagsAsync()).Value.Tags;
        var properties = (await blob.GetPropertiesAsync()).Value;
        var record = JsonNode.Parse((await blob.DownloadContentAsync()).Value.Content.ToString())!;
        Assert.Equal("submitted", record["status"]!.GetValue<string>());
        record["status"] = "escalated";
        var json = record.ToJsonString();
        await blob.UploadAsync(BinaryData.FromString(json), new BlobUploadOptions { Tags = tags, Metadata = properties.Metadata });
        return json;
    }
}
