using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.EndToEnd;

/// <summary><c>transfer</c> is decided, committed with the turn's state, and written to the case after
/// the commit, once: a delivery repeated while the first is still running, or a write that fails after
/// the commit, ends with one new owner, one audit entry and one message to the new owner, and the case
/// has an owner at every point. Real HTTP on Azurite.</summary>
public sealed class CommitThenApplyTransferTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string HandedOver = "A case has been handed to you";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static Dictionary<string, string?> Settings(string ownerId, string colleagueId) => new()
    {
        ["Intake:DefaultOwner"] = ownerId,
        ["Intake:Responders:0"] = ownerId,
        ["Intake:Responders:1"] = colleagueId,
    };

    [Fact]
    public async Task A_transfer_delivered_again_while_the_first_delivery_runs_moves_the_case_once_and_tells_the_new_owner_once()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var (ownerId, colleagueId) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var gate = new StateWriteGate();
        await using var app = new BotApp(azurite, Settings(ownerId, colleagueId), gate.Install);
        var (owner, colleague, reference) = await SubmittedAsync(app, connector, ownerId, colleagueId);

        var json = owner.Next($"transfer {reference} to {colleagueId}");
        gate.HoldNextWrite();
        var first = owner.PostAsync(json);
        await gate.HeldAsync(Patience);

        // Delivered again while the first waits at its commit: this one commits first.
        using var again = await owner.PostAsync(json);
        gate.Release();
        using var _ = await first;

        var told = await connector.WaitForSentAsync(a => Text(a).StartsWith(HandedOver, StringComparison.Ordinal), Patience);
        var blobs = new CaseBlobs(azurite, app);
        await UntilAsync(async () => (await blobs.OutboxAsync()).Count == 0);
        Assert.Equal(colleague.ConversationId, told.ConversationId);
        Assert.Single(connector.Sent, s => Text(s.Activity).StartsWith(HandedOver, StringComparison.Ordinal));
        Assert.Equal(colleagueId, (await blobs.CaseAsync(reference)).Owner);
        Assert.Single(await TransfersAsync(app, reference));
    }

    [Fact]
    public async Task A_transfer_whose_write_fails_after_the_commit_is_written_once_by_the_owners_next_message_and_the_case_keeps_an_owner()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var (ownerId, colleagueId) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var faults = new FailingCaseStore();
        await using var app = new BotApp(azurite, Settings(ownerId, colleagueId), faults.Install);
        var (owner, colleague, reference) = await SubmittedAsync(app, connector, ownerId, colleagueId);

        faults.FailNextUpdate();
        var done = await owner.SayAsync($"transfer {reference} to {colleagueId}");
        Assert.StartsWith($"{reference} is now owned by", done[0], StringComparison.Ordinal);
        var blobs = new CaseBlobs(azurite, app);

        // Not written yet: still the old owner's, never no one's.
        Assert.Equal(ownerId, (await blobs.CaseAsync(reference)).Owner);
        Assert.Empty(await TransfersAsync(app, reference));

        await owner.SayAsync("cases");
        await owner.SayAsync("cases");

        await UntilAsync(async () => (await blobs.OutboxAsync()).Count == 0);
        Assert.Equal(colleagueId, (await blobs.CaseAsync(reference)).Owner);
        var audit = Assert.Single(await TransfersAsync(app, reference));
        Assert.Equal((ownerId, colleagueId, ownerId), (audit.By, audit.Whom, audit.Detail));
        Assert.Single(connector.Sent, s => s.ConversationId == colleague.ConversationId && Text(s.Activity).StartsWith(HandedOver, StringComparison.Ordinal));
        Assert.Contains(reference, (await colleague.SayAsync("cases"))[0], StringComparison.Ordinal);
        Assert.DoesNotContain(reference, (await owner.SayAsync("cases"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transfer_applied_a_second_time_changes_nothing()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var (ownerId, colleagueId) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        await using var app = new BotApp(azurite, Settings(ownerId, colleagueId));
        var (owner, _, reference) = await SubmittedAsync(app, connector, ownerId, colleagueId);
        await owner.SayAsync($"transfer {reference} to {colleagueId}");
        var blobs = new CaseBlobs(azurite, app);
        var written = await blobs.RawCaseJsonAsync(reference);

        // The same decision again, as a turn that heals a change left in the state would apply it.
        var change = new PendingChange { Reference = reference, ActivityId = "again", Actor = ownerId, At = DateTimeOffset.UtcNow, TransferFrom = ownerId, TransferTo = colleagueId };
        await app.Services.GetRequiredService<CaseChanges>().ApplyAsync(change, [], CancellationToken.None);

        Assert.Equal(written, await blobs.RawCaseJsonAsync(reference));
        Assert.Single(await TransfersAsync(app, reference));
    }

    private static async Task<List<AuditEntry>> TransfersAsync(BotApp app, string reference)
        => [.. (await app.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None)).Where(a => a.Action == AuditAction.Transfer)];

    private static string Text(JObject activity) => activity.Value<string>("text") ?? string.Empty;

    /// <summary>A submitted case whose owner and colleague have each said something (so that the bot can
    /// write to them), with the owner told of it and nothing left in the outbox.</summary>
    private async Task<(HttpChat Owner, HttpChat Colleague, string Reference)> SubmittedAsync(BotApp app, ConnectorStub connector, string ownerId, string colleagueId)
    {
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
        await owner.SayAsync("hello");
        var colleague = new HttpChat(app.CreateClient(), colleagueId, connector.ServiceUrl);
        await colleague.SayAsync("cases");
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var reference = await reporter.SubmitReportAsync();
        await connector.WaitForSentAsync(a => Text(a).Contains(reference, StringComparison.Ordinal), Patience);
        await UntilAsync(async () => (await new CaseBlobs(azurite, app).OutboxAsync()).Count == 0);
        return (owner, colleague, reference);
    }
}
