using System.Text.Json.Nodes;
using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Workspace;

/// <summary>From the chat to the tab: with the workspace on and Teams' id of the app known, the owner's
/// notification and case card open the case in the tab, and <c>cases</c> shows the five most urgent (in
/// the tab's order) and links to the tab for the rest; with the workspace off, the chat is as it was.</summary>
public sealed class WorkspaceChatLinkTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string TeamsAppId = "6f1c2a8e-3b4d-4e5f-9a0b-1c2d3e4f5a6b";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TextCatalog Text = TextCatalog.Load();

    [Fact]
    public async Task The_owners_notification_and_case_card_open_that_case_in_the_workspace_tab()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var workspace = await WorkspaceApp.StartAsync(azurite, new Dictionary<string, string?> { ["Workspace:TeamsAppId"] = TeamsAppId });
        var owner = new HttpChat(workspace.App.CreateClient(), WorkspaceApp.OwnerId, connector.ServiceUrl);
        await owner.SayAsync("hi");
        var reporter = new HttpChat(workspace.App.CreateClient());

        var reference = await reporter.SubmitReportAsync();
        var (_, notification) = await connector.WaitForSentAsync(a => a.Value<string>("text")?.Contains(reference, StringComparison.Ordinal) == true, Patience);
        var card = Assert.Single(await owner.ExchangeAsync($"case  {reference.ToLowerInvariant()}"), r => r["attachments"] is JArray { Count: > 0 });

        Assert.Equal($"A new report has been submitted to you. Reference: {reference}", notification.Value<string>("text"));
        var button = Assert.Single(notification["attachments"]![0]!["content"]!["buttons"]!);
        Assert.Equal("openUrl", (string)button["type"]!);
        Assert.Equal(Text[TextKey.CardOpenInWorkspace], (string)button["title"]!);
        Assert.Equal(reference, SubEntityOf((string)button["value"]!));
        var open = Assert.Single(card.Descendants().OfType<JObject>(), o => (string?)o["type"] == "Action.OpenUrl");
        Assert.Equal(Text[TextKey.CardOpenInWorkspace], (string)open["title"]!);
        Assert.Equal((string)button["value"]!, (string)open["url"]!);
    }

    [Fact]
    public async Task Cases_shows_the_five_most_urgent_in_the_tabs_order_and_links_to_the_tab_for_the_rest()
    {
        await using var workspace = await WorkspaceApp.StartAsync(azurite, new Dictionary<string, string?> { ["Workspace:TeamsAppId"] = TeamsAppId });
        var seeded = await SeedSevenAsync(workspace);
        using var tab = workspace.Owner();
        var listed = JsonNode.Parse(await tab.GetStringAsync("/api/workspace/cases"))!["cases"]!.AsArray().Select(c => c!["reference"]!.GetValue<string>()).ToList();

        var reply = Assert.Single(await new HttpChat(workspace.App.CreateClient(), WorkspaceApp.OwnerId).SayAsync("Cases"));

        Assert.StartsWith("Your 5 most urgent cases:", reply, StringComparison.Ordinal);
        Assert.Equal(seeded.Urgent, listed.Take(2));
        Assert.Equal(listed.Take(5), References(reply));
        Assert.Contains("The other 2 are in the workspace", reply, StringComparison.Ordinal);
        Assert.Contains($"(https://teams.microsoft.com/l/entity/{TeamsAppId}/workspace)", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_workspace_off_the_chat_lists_every_case_and_offers_no_tab()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Workspace:TeamsAppId"] = TeamsAppId });
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        var owner = new HttpChat(app.CreateClient(), ownerAad, connector.ServiceUrl);
        await owner.SayAsync("hello");
        var reporter = new HttpChat(app.CreateClient());
        var references = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            references.Add(await reporter.SubmitReportAsync());
        }

        var (_, notification) = await connector.WaitForSentAsync(a => a.Value<string>("text")?.Contains(references[^1], StringComparison.Ordinal) == true, Patience);
        var reply = Assert.Single(await owner.SayAsync("cases"));

        Assert.StartsWith("The cases you own:", reply, StringComparison.Ordinal);
        Assert.Equal(references.AsEnumerable().Reverse(), References(reply));
        Assert.DoesNotContain("teams.microsoft.com", reply, StringComparison.Ordinal);
        Assert.True(notification["attachments"] is null or JArray { Count: 0 });
    }

    /// <summary>Seven cases of the owner's: an open safety concern and an overdue deadline (the two most
    /// urgent, in that order), and five plain ones.</summary>
    private static async Task<(List<string> Urgent, List<string> All)> SeedSevenAsync(WorkspaceApp workspace)
    {
        var past = DateTimeOffset.UtcNow.AddDays(-1);
        var all = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            all.Add(await workspace.SeedAsync(WorkspaceApp.OwnerId));
        }

        var overdue = await workspace.SeedAsync(WorkspaceApp.OwnerId, r => r with { Deadlines = [new CaseDeadline(DeadlineKind.Acknowledge, past, past.AddDays(-1))] });
        var safety = await workspace.SeedAsync(WorkspaceApp.OwnerId, r => r with { SafetyConcern = true, SubmittedAt = r.CreatedAt.AddDays(-30) });
        all.AddRange([overdue, safety]);
        return ([safety, overdue], all);
    }

    private static List<string> References(string reply) => [.. Receipt.Pattern().Matches(reply).Select(m => m.Value)];

    /// <summary>The case reference a deep link hands the tab as its sub-page id.</summary>
    private static string SubEntityOf(string link)
    {
        Assert.StartsWith($"https://teams.microsoft.com/l/entity/{TeamsAppId}/workspace?context=", link, StringComparison.Ordinal);
        var context = Uri.UnescapeDataString(link[(link.IndexOf("context=", StringComparison.Ordinal) + "context=".Length)..]);
        return JsonNode.Parse(context)!["subEntityId"]!.GetValue<string>();
    }
}
