using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>What a turn committed but did not write to the cases (storage failed, or the process was
/// killed, right after the commit) is written by the background pass when nobody in that conversation
/// writes again: once, with one notification, also with two processes looking and with a turn arriving
/// while the pass writes. Real HTTP on Azurite, with a short grace period.</summary>
[LongRunning]
public sealed class HealingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string HandedOver = "A case has been handed to you";
    private const string ByThePass = "was written by the background pass";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static Dictionary<string, string?> Settings(string ownerId, string? colleagueId = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Intake:DefaultOwner"] = ownerId,
            ["Intake:Responders:0"] = ownerId,
            ["Healing:GraceMilliseconds"] = "1000",
            ["Healing:ScanIntervalMilliseconds"] = "200",
        };
        if (colleagueId is not null)
        {
            settings["Intake:Responders:1"] = colleagueId;
        }

        return settings;
    }

    [Fact]
    public async Task A_discard_killed_after_its_commit_has_its_evidence_deleted_by_the_pass_with_no_further_message()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var bot = OutboxTests.Bot(azurite);
        bot.Environment["Evidence__AllowedHosts__0"] = "127.0.0.1";
        bot.Environment["Evidence__AllowLoopbackHttp"] = "true";
        bot.Environment["Healing__GraceMilliseconds"] = "1000";
        bot.Environment["Healing__ScanIntervalMilliseconds"] = "200";
        await bot.StartAsync();
        using var client = bot.Client();
        var reporter = new HttpChat(client, serviceUrl: connector.ServiceUrl);
        var upToReview = Intake.UpToReview();
        await reporter.SayAllAsync(upToReview[..Array.IndexOf(upToReview, "skip")]);
        connector.ReleaseDownloads();
        await reporter.SendAsync(null, [HttpChat.UploadedFile("notes.pdf", connector.ServeStalled("notes.pdf", "%PDF-1.7\nnotes\n%%EOF"u8.ToArray()))]);
        await reporter.SayAsync("stop");
        var blobs = new CaseBlobs(azurite, bot.CasesContainer, bot.StateContainer);
        Assert.NotEmpty(await blobs.CaseBlobNamesAsync());

        // The discard commits, and the process is killed before it deletes the draft's evidence.
        await CommitThenApplyTests.KilledRightAfterCommitAsync(bot, reporter, "Delete it");
        Assert.NotEmpty(await blobs.CaseBlobNamesAsync());
        Assert.NotEmpty(await blobs.StateBlobsContainingAsync(CommittedWork.DiscardProperty));
        await bot.StartAsync();

        await UntilAsync(async () => (await blobs.CaseBlobNamesAsync()).Count == 0);
        await UntilAsync(async () => (await blobs.StateBlobsContainingAsync(CommittedWork.DiscardProperty)).Count == 0);
    }

    [Fact]
    public async Task A_submit_whose_write_fails_after_the_commit_is_written_once_and_its_owner_told_once_with_no_further_message()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var faults = new FailingCaseStore();
        await using var app = new BotApp(azurite, Settings(ownerId), faults.Install);
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
        await owner.SayAsync("hello");
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        await reporter.SayAllAsync(Intake.UpToReview());

        faults.FailNextCreate();
        var reference = Receipt.ReferenceIn(string.Join('\n', await reporter.SayAsync("submit")));

        var blobs = new CaseBlobs(azurite, app);
        await UntilAsync(async () => (await WorkInAsync(blobs, reporter)).IsEmpty && (await blobs.OutboxAsync()).Count == 0);
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Case {reference}, committed by a turn that did not write it, {ByThePass}", StringComparison.Ordinal));
        Assert.Equal(CaseStatus.Submitted, (await blobs.CaseAsync(reference)).Status);
        var transcript = await blobs.TranscriptAsync(reference);
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "submit");
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "report");
        Assert.Single(connector.Sent, s => s.ConversationId == owner.ConversationId && Text(s.Activity).Contains(reference, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_acknowledge_whose_write_fails_after_the_commit_is_written_once_and_the_reporter_told_once_with_no_further_message()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var faults = new FailingCaseStore();
        await using var app = new BotApp(azurite, Settings(ownerId), faults.Install);
        var (owner, reporter, reference) = await CommitThenApplyChangesTests.SubmittedAsync(azurite, app, connector, ownerId);

        faults.FailNextUpdate();
        Assert.StartsWith(reference, (await owner.SayAsync($"acknowledge {reference}"))[0], StringComparison.Ordinal);

        var blobs = new CaseBlobs(azurite, app);
        await UntilAsync(async () => (await WorkInAsync(blobs, owner)).IsEmpty && (await blobs.OutboxAsync()).Count == 0);
        Assert.Contains(app.Logs.Lines, l => l.Contains($"A change to case {reference}, committed by a turn that did not write it, {ByThePass}", StringComparison.Ordinal));
        Assert.Equal(CaseStatus.Acknowledged, (await blobs.CaseAsync(reference)).Status);
        Assert.Single(await AuditAsync(app, reference), a => a.Action == AuditAction.Status && a.Detail == "acknowledged");
        Assert.Single(connector.Sent, s => s.ConversationId == reporter.ConversationId && Text(s.Activity).Contains("acknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_transfer_whose_write_fails_after_the_commit_moves_the_case_once_and_tells_the_new_owner_once_with_no_further_message()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var (ownerId, colleagueId) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var faults = new FailingCaseStore();
        await using var app = new BotApp(azurite, Settings(ownerId, colleagueId), faults.Install);
        var colleague = new HttpChat(app.CreateClient(), colleagueId, connector.ServiceUrl);
        await colleague.SayAsync("cases");
        var (owner, _, reference) = await CommitThenApplyChangesTests.SubmittedAsync(azurite, app, connector, ownerId);

        faults.FailNextUpdate();
        Assert.StartsWith($"{reference} is now owned by", (await owner.SayAsync($"transfer {reference} to {colleagueId}"))[0], StringComparison.Ordinal);

        var blobs = new CaseBlobs(azurite, app);
        await UntilAsync(async () => (await WorkInAsync(blobs, owner)).IsEmpty && (await blobs.OutboxAsync()).Count == 0);
        Assert.Contains(app.Logs.Lines, l => l.Contains($"A change to case {reference}, committed by a turn that did not write it, {ByThePass}", StringComparison.Ordinal));
        Assert.Equal(colleagueId, (await blobs.CaseAsync(reference)).Owner);
        var transfer = Assert.Single(await AuditAsync(app, reference), a => a.Action == AuditAction.Transfer);
        Assert.Equal((ownerId, colleagueId, ownerId), (transfer.By, transfer.Whom, transfer.Detail));
        Assert.Single(connector.Sent, s => s.ConversationId == colleague.ConversationId && Text(s.Activity).StartsWith(HandedOver, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_arriving_while_the_pass_writes_a_submitted_case_duplicates_nothing()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        var faults = new FailingCaseStore();
        await using var app = new BotApp(azurite, Settings(ownerId), faults.Install);
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
        await owner.SayAsync("hello");
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        await reporter.SayAllAsync(Intake.UpToReview());
        faults.FailNextCreate();
        var reference = Receipt.ReferenceIn(string.Join('\n', await reporter.SayAsync("submit")));

        // The pass waits at the transcript (written before case.json); the reporter writes meanwhile.
        faults.HoldNextTranscript();
        await faults.HeldAsync(Patience);
        Assert.NotEmpty(await reporter.SayAsync("hello"));
        faults.Release();

        var blobs = new CaseBlobs(azurite, app);
        await UntilAsync(async () => (await WorkInAsync(blobs, reporter)).IsEmpty && (await blobs.OutboxAsync()).Count == 0);
        Assert.Contains(reference, (await reporter.SayAsync("my reports"))[0], StringComparison.Ordinal);
        var transcript = await blobs.TranscriptAsync(reference);
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "submit");
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "report");
        Assert.Equal([reference], await CaseReferencesAsync(blobs));
        Assert.Single(connector.Sent, s => s.ConversationId == owner.ConversationId && Text(s.Activity).Contains(reference, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_processes_finding_the_same_submit_left_by_a_killed_process_write_the_case_once()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var first = OutboxTests.Bot(azurite);
        first.Environment["Healing__GraceMilliseconds"] = "1000";
        first.Environment["Healing__ScanIntervalMilliseconds"] = "100";
        await first.StartAsync();
        var ownerAad = Guid.NewGuid().ToString();
        connector.KnowMember(ownerAad, BotApp.DefaultOwner);
        HttpChat reporter;
        using (var client = first.Client())
        {
            await new HttpChat(client, ownerAad, connector.ServiceUrl).SayAsync("hello");
            reporter = new HttpChat(client);
            await reporter.SayAllAsync(Intake.UpToReview());
            await CommitThenApplyTests.KilledRightAfterCommitAsync(first, reporter, "submit");
        }

        var blobs = new CaseBlobs(azurite, first.CasesContainer, first.StateContainer);
        Assert.Empty(await blobs.CaseBlobNamesAsync());
        await using var second = first.SameStorage(azurite);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());

        await UntilAsync(async () => (await WorkInAsync(blobs, reporter)).IsEmpty && (await blobs.OutboxAsync()).Count == 0);
        var reference = await blobs.OnlyCaseReferenceAsync();
        Assert.Single(first.Output.Concat(second.Output), l => l.Contains(ByThePass, StringComparison.Ordinal));
        var transcript = await blobs.TranscriptAsync(reference);
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "submit");
        Assert.Single(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "report");
        Assert.Single(connector.Sent);
    }

    /// <summary>What the conversation's state holds for the cases and has not written to them.</summary>
    private static async Task<CommittedWork> WorkInAsync(CaseBlobs blobs, HttpChat chat)
    {
        var blob = blobs.State.GetBlobClient(BlobStateStorage.BlobNameOf($"msteams/conversations/{chat.ConversationId}"));
        return CommittedWork.Of(JObject.Parse((await blob.DownloadContentAsync()).Value.Content.ToString()));
    }

    private static async Task<List<string>> CaseReferencesAsync(CaseBlobs blobs)
        => [.. (await blobs.CaseBlobNamesAsync()).Where(n => n.EndsWith("/case.json", StringComparison.Ordinal)).Select(n => n.Split('/')[0])];

    private static async Task<IReadOnlyList<AuditEntry>> AuditAsync(BotApp app, string reference)
        => await app.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None);

    private static string Text(JObject activity) => activity.Value<string>("text") ?? string.Empty;
}
