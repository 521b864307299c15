using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Workspace;

/// <summary>An action from the tab and the same kind of action from chat each change the case once and
/// tell the reporter once, however often the page retries.</summary>
public sealed class WorkspaceExactlyOnceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private WorkspaceApp _workspace = null!;

    public async Task InitializeAsync() => _workspace = await WorkspaceApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _workspace.DisposeAsync();

    [Fact]
    public async Task A_message_from_the_tab_retried_and_one_from_chat_are_each_kept_and_announced_once()
    {
        var reporter = new HttpChat(_workspace.App.CreateClient());
        await reporter.SayAllAsync([.. Intake.UpToReview()]);
        var reference = Receipt.ReferenceIn(string.Join("\n", await reporter.SayAsync("submit")));
        var ownerChat = new HttpChat(_workspace.App.CreateClient(), WorkspaceApp.OwnerId);
        using var tab = _workspace.Owner();
        var click = new { requestId = Guid.NewGuid(), text = "Thank you, I have read it and will call you." };

        var first = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/message", click);
        var retry = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/message", click);
        var fromChat = await ownerChat.SayAsync($"message {reference} One more question when you have a moment.");
        var acknowledged = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/acknowledge", new { requestId = Guid.NewGuid() });
        var acknowledgedInChat = await ownerChat.SayAsync($"acknowledge {reference}");

        Assert.Equal("done", JsonNode.Parse(await first.Content.ReadAsStringAsync())!["outcome"]!.GetValue<string>());
        Assert.Equal("done", JsonNode.Parse(await retry.Content.ReadAsStringAsync())!["outcome"]!.GetValue<string>());
        Assert.Equal("done", JsonNode.Parse(await acknowledged.Content.ReadAsStringAsync())!["outcome"]!.GetValue<string>());
        Assert.Contains("already", acknowledgedInChat[0], StringComparison.Ordinal);
        Assert.Contains(reference, fromChat[0], StringComparison.Ordinal);
        var record = await _workspace.Store.GetAsync(reference, CancellationToken.None);
        Assert.Equal(new[] { "Thank you, I have read it and will call you.", "One more question when you have a moment." }, record!.Messages.Select(m => m.Text));
        Assert.Equal(CaseStatus.Acknowledged, record.Status);
        var audit = await _workspace.Store.ReadAuditAsync(reference, CancellationToken.None);
        Assert.Equal(2, audit.Count(a => a.Action == AuditAction.Message));
        Assert.Single(audit, a => a.Action == AuditAction.Status);

        // Nothing listens at the reporter's service URL, so their notices wait in the outbox (or are given up).
        var notices = await _workspace.ReporterNoticesAsync(azurite, reference);
        Assert.Equal(2, notices.Count(n => n == "ReporterNewMessage"));
        Assert.Equal(1, notices.Count(n => n == "ReporterCaseAcknowledged"));
    }
}
