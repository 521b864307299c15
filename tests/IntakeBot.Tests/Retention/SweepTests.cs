using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using IntakeBot.Cases;
using IntakeBot.Retention;
using IntakeBot.Tests.Infrastructure;
using Moq;

namespace IntakeBot.Tests.Retention;

public sealed class SweepTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Canary = "canary-7f3b2 the account as typed";

    private GraphServer _graph = null!;

    public async Task InitializeAsync()
    {
        _graph = await GraphServer.StartAsync();
        _graph.AddUser("u-alex", "alex@contoso.test", "Alex Kim");
    }

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private async Task<RetentionRig> RigAsync(BlobServiceClient? service = null, ICaseFolders? folders = null, string? suffix = null, ManualTime? time = null)
    {
        var rig = new RetentionRig(azurite, _graph, service, folders, suffix, time);
        await rig.CreateContainersAsync();
        return rig;
    }

    [Fact]
    public async Task A_purged_case_leaves_its_owners_list_which_keeps_nothing_of_it()
    {
        var rig = await RigAsync();
        var expired = await rig.ClosedCaseAsync(TimeSpan.FromDays(366), Canary);
        var recent = await rig.ClosedCaseAsync(TimeSpan.FromDays(10), "recent case");
        var owned = new CaseFilter(Owner: RetentionRig.OwnerId);
        Assert.Equal(new[] { expired, recent }.Order(StringComparer.Ordinal), (await rig.Store.ListAsync(owned, CancellationToken.None)).Select(c => c.Reference));

        Assert.Equal(1, (await rig.Sweep.RunOnceAsync(CancellationToken.None)).CasesDeleted);

        var list = rig.Containers.Cases.GetBlobClient($"{OwnerLists.Folder}{CaseIndexKey.Development.Of(RetentionRig.OwnerId)}.json");
        var kept = (await list.DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains(recent, kept, StringComparison.Ordinal);
        Assert.DoesNotContain(expired, kept, StringComparison.Ordinal);
        Assert.Equal([recent], (await rig.Store.ListAsync(owned, CancellationToken.None)).Select(c => c.Reference));
    }

    [Fact]
    public async Task Closed_case_past_retention_is_gone_with_its_shared_folder_and_leaves_one_tombstone()
    {
        var rig = await RigAsync();
        var expired = await rig.ClosedCaseAsync(TimeSpan.FromDays(366), Canary);
        var recent = await rig.ClosedCaseAsync(TimeSpan.FromDays(10), "recent case");
        var folder = $"{RetentionRig.FolderPath}/{expired}";
        Assert.Contains("alex@contoso.test", _graph.PermissionEmails(folder));

        var result = await rig.Sweep.RunOnceAsync(CancellationToken.None);

        Assert.True(result.Ran);
        Assert.Equal(1, result.CasesDeleted);
        Assert.Empty(await rig.AllBlobNamesAsync(expired));
        Assert.Empty(await rig.BlobsContainingAsync(Canary));
        Assert.DoesNotContain(_graph.Paths(), p => p.StartsWith(folder, StringComparison.Ordinal));
        var requests = _graph.Requests.ToList();
        var permissionRemoved = requests.FindIndex(r => r.StartsWith("DELETE ", StringComparison.Ordinal) && r.Contains("/permissions/", StringComparison.Ordinal));
        var folderRemoved = requests.FindIndex(r => r.EndsWith("/permanentDelete", StringComparison.Ordinal));
        Assert.InRange(permissionRemoved, 0, folderRemoved - 1);

        var tombstone = Assert.Single(await rig.AllTombstonesAsync());
        Assert.Equal(expired, tombstone.Reference);
        Assert.Equal(DeletedBy.Sweeper, tombstone.By);
        Assert.Equal("self-report", tombstone.Kind);
        Assert.Equal(1, tombstone.Evidence);
        Assert.Equal(4, tombstone.Blobs);
        Assert.True(tombstone.GraphFolderRemoved);
        Assert.Equal(rig.Time.Now, tombstone.DeletedAt);
        Assert.NotNull(tombstone.ClosedAt);
        var log = string.Join('\n', await rig.TombstoneBlobTextsAsync());
        Assert.DoesNotContain(Canary, log, StringComparison.Ordinal);
        Assert.DoesNotContain(RetentionRig.OwnerId, log, StringComparison.Ordinal);
        Assert.DoesNotContain("alex", log, StringComparison.OrdinalIgnoreCase);

        Assert.NotNull(await rig.Store.GetAsync(recent, CancellationToken.None));
        Assert.Contains(_graph.Paths(), p => p == $"{RetentionRig.FolderPath}/{recent}");
    }

    [Fact]
    public async Task A_sweep_deletes_expired_cases_with_long_texts_without_reading_a_text_and_leaves_a_true_tombstone_for_each()
    {
        var requests = new StorageRequests();
        var options = new BlobClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        var rig = await RigAsync(new BlobServiceClient(azurite.ConnectionString, options));

        // Over 2 KB, so case.json keeps it in a text blob of its own (CaseTexts).
        var longAnswer = string.Concat(Enumerable.Repeat($"{Canary} ", 100));
        var closedAgo = new[] { TimeSpan.FromDays(400), TimeSpan.FromDays(500), TimeSpan.FromDays(600) };
        var references = new List<string>();
        foreach (var ago in closedAgo)
        {
            references.Add(await rig.ClosedCaseAsync(ago, longAnswer, shared: references.Count == 0));
        }

        Assert.Equal(3, (await rig.AllBlobNamesAsync()).Count(n => n.Contains("/texts/", StringComparison.Ordinal)));
        var mark = requests.Count;

        var result = await rig.Sweep.RunOnceAsync(CancellationToken.None);

        Assert.Equal(3, result.CasesDeleted);
        var textRequests = requests.Since(mark, "/texts/");
        Assert.Equal(3, textRequests.Count(r => r.StartsWith("DELETE ", StringComparison.Ordinal)));
        Assert.All(textRequests, r => Assert.StartsWith("DELETE ", r, StringComparison.Ordinal));
        foreach (var reference in references)
        {
            Assert.Empty(await rig.AllBlobNamesAsync(reference));
        }

        Assert.Empty(await rig.BlobsContainingAsync(Canary));
        Assert.DoesNotContain(_graph.Paths(), p => p.Contains(references[0], StringComparison.Ordinal));
        var tombstones = (await rig.AllTombstonesAsync()).ToDictionary(t => t.Reference!);
        Assert.Equal(references.Order(), tombstones.Keys.Order());
        for (var i = 0; i < references.Count; i++)
        {
            var tombstone = tombstones[references[i]];
            Assert.Equal(DeletedBy.Sweeper, tombstone.By);
            Assert.Equal("self-report", tombstone.Kind);
            Assert.Equal(rig.Time.Now - closedAgo[i], tombstone.ClosedAt);
            Assert.Equal(rig.Time.Now - closedAgo[i] - TimeSpan.FromDays(20), tombstone.CreatedAt);
            Assert.Equal(1, tombstone.Evidence);

            // case.json, its text, the transcript, the evidence and the audit log.
            Assert.Equal(5, tombstone.Blobs);
            Assert.Equal(i == 0, tombstone.GraphFolderRemoved);
            Assert.Equal(rig.Tombstones.OwnerHash(RetentionRig.OwnerId), tombstone.OwnerHash);
        }
    }

    [Fact]
    public async Task Held_case_survives_the_sweep_and_is_deleted_by_the_sweep_after_its_release()
    {
        var rig = await RigAsync();
        var reference = await rig.ClosedCaseAsync(TimeSpan.FromDays(400), Canary);

        Assert.Equal(HoldOutcome.NotFound, await rig.Hold.HoldAsync(reference, Guid.NewGuid().ToString(), null, CancellationToken.None));
        Assert.Equal(HoldOutcome.Held, await rig.Hold.HoldAsync(reference, RetentionRig.OwnerId, null, CancellationToken.None));
        Assert.Equal(HoldOutcome.AlreadyHeld, await rig.Hold.HoldAsync(reference, RetentionRig.OwnerId, null, CancellationToken.None));

        // The hold role takes the owner's hold over: from now on only a hold role can release it.
        Assert.Equal(HoldOutcome.Held, await rig.Hold.HoldAsync(reference, RetentionRig.HoldRole, null, CancellationToken.None));
        Assert.Equal(HoldOutcome.AlreadyHeld, await rig.Hold.HoldAsync(reference, RetentionRig.HoldRole, null, CancellationToken.None));
        await rig.TagAsync(reference);
        var held = await rig.Sweep.RunOnceAsync(CancellationToken.None);
        var ownerPurge = await rig.CasePurger.PurgeAsync(reference, DeletedBy.Owner, CancellationToken.None);

        Assert.Equal(0, held.CasesDeleted);
        Assert.Equal(PurgeOutcome.Held, ownerPurge);
        var hold = (await rig.Store.GetAsync(reference, CancellationToken.None))!.Hold!;
        Assert.Equal((RetentionRig.HoldRole, HoldCapacity.HoldRole), (hold.By, hold.Capacity));
        Assert.Contains(_graph.Paths(), p => p == $"{RetentionRig.FolderPath}/{reference}");
        Assert.Empty(await rig.AllTombstonesAsync());

        Assert.Equal(HoldOutcome.HeldByHoldRole, await rig.Hold.ReleaseAsync(reference, RetentionRig.OwnerId, null, CancellationToken.None));
        Assert.Equal(HoldOutcome.Released, await rig.Hold.ReleaseAsync(reference, RetentionRig.HoldRole, null, CancellationToken.None));
        Assert.Equal(HoldOutcome.NotHeld, await rig.Hold.ReleaseAsync(reference, RetentionRig.OwnerId, null, CancellationToken.None));
        var audit = await rig.Store.ReadAuditAsync(reference, CancellationToken.None);
        await rig.TagAsync(reference);
        var released = await rig.Sweep.RunOnceAsync(CancellationToken.None);

        Assert.Equal(
            [(AuditAction.Hold, AuditResult.Done), (AuditAction.Hold, AuditResult.Done), (AuditAction.Release, AuditResult.Refused), (AuditAction.Release, AuditResult.Done)],
            audit.Where(a => a.Action is AuditAction.Hold or AuditAction.Release).Select(a => (a.Action, a.Result)));
        Assert.Equal(1, released.CasesDeleted);
        Assert.Empty(await rig.AllBlobNamesAsync(reference));
        Assert.Equal(reference, Assert.Single(await rig.AllTombstonesAsync()).Reference);
    }

    [Fact]
    public async Task A_case_put_on_hold_after_it_was_tagged_is_still_kept()
    {
        var rig = await RigAsync();
        var reference = await rig.ClosedCaseAsync(TimeSpan.FromDays(400), Canary);

        // The hold rewrites case.json; the tag the sweep finds may be older than that.
        await rig.Hold.HoldAsync(reference, RetentionRig.OwnerId, null, CancellationToken.None);
        await rig.Containers.Cases.GetBlobClient($"{reference}/case.json").SetTagsAsync(new Dictionary<string, string> { [RetentionTags.ExpiresOn] = "2000-01-01T00:00:00Z" });
        var result = await rig.Sweep.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, result.Held);
        Assert.NotNull(await rig.Store.GetAsync(reference, CancellationToken.None));
    }

    [Fact]
    public async Task A_case_reopened_right_after_the_sweep_found_it_expired_is_kept_whole()
    {
        var rig = await RigAsync();
        var reference = await rig.ClosedCaseAsync(TimeSpan.FromDays(400), Canary);

        // The owner reopens the case between the sweep's look at it and the purge.
        var racing = new Mock<ICaseStore>(MockBehavior.Strict);
        racing.Setup(s => s.GetSummaryAsync(reference, It.IsAny<CancellationToken>())).Returns(async (string r, CancellationToken token) =>
        {
            var summary = await rig.Store.GetSummaryAsync(r, token);
            await rig.Store.UpdateAsync(r, c => c with { Status = CaseStatus.InReview, ClosedAt = null, UpdatedAt = rig.Time.GetUtcNow() }, token);
            return summary;
        });
        var sweep = new RetentionSweep(new SweepLease(rig.RetentionContainer, rig.Time), new TaggedExpiringCases(rig.Containers), racing.Object, rig.CasePurger, rig.DraftPurge, RetentionRig.Periods, rig.Time);

        var result = await sweep.RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, result.CasesDeleted);
        var kept = await rig.Store.GetAsync(reference, CancellationToken.None);
        Assert.Equal(CaseStatus.InReview, kept!.Status);
        Assert.Equal([Canary], kept.Answers.WhatHappened);
        Assert.Contains(await rig.AllBlobNamesAsync(reference), n => n.EndsWith("/evidence/001-screenshot.png", StringComparison.Ordinal));
        Assert.Contains(_graph.Paths(), p => p == $"{RetentionRig.FolderPath}/{reference}");
        Assert.Empty(await rig.AllTombstonesAsync());
    }

    [Fact]
    public async Task Deleted_lookup_tells_the_owner_when_and_tells_anyone_else_nothing()
    {
        var rig = await RigAsync();
        var reference = await rig.ClosedCaseAsync(TimeSpan.FromDays(400), Canary, shared: false);
        await rig.Sweep.RunOnceAsync(CancellationToken.None);

        var owner = await rig.Tombstones.FindForOwnerAsync(reference, RetentionRig.OwnerId.ToUpperInvariant(), null, CancellationToken.None);
        var stranger = await rig.Tombstones.FindForOwnerAsync(reference, Guid.NewGuid().ToString(), "someone@contoso.test", CancellationToken.None);
        var never = await rig.Tombstones.FindForOwnerAsync(CaseReference.NewReference(), RetentionRig.OwnerId, null, CancellationToken.None);

        Assert.Equal(rig.Time.Now, owner!.DeletedAt);
        Assert.False(owner.GraphFolderRemoved);
        Assert.Null(stranger);
        Assert.Null(never);
    }

    [Fact]
    public async Task Two_sweepers_on_one_storage_delete_each_case_exactly_once()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var first = await RigAsync(suffix: suffix);
        var second = await RigAsync(azurite.Client, suffix: suffix, time: first.Time);
        var references = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            references.Add(await first.ClosedCaseAsync(TimeSpan.FromDays(370 + i), $"{Canary} {i}", shared: i % 2 == 0));
        }

        var results = await Task.WhenAll(first.Sweep.RunOnceAsync(CancellationToken.None), second.Sweep.RunOnceAsync(CancellationToken.None));

        Assert.Equal(6, results.Sum(r => r.CasesDeleted));
        var tombstones = await first.AllTombstonesAsync();
        Assert.Equal(references.Order(), tombstones.Select(t => t.Reference!).Order());
        Assert.Empty(await first.AllBlobNamesAsync("IR-"));
    }

    [Fact]
    public async Task While_one_process_sweeps_another_does_not_start_a_sweep()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var inFolderRemoval = new TaskCompletionSource();
        var letGo = new TaskCompletionSource();
        var slowFolders = new Mock<ICaseFolders>();
        slowFolders.Setup(f => f.RemoveAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(async () =>
        {
            inFolderRemoval.TrySetResult();
            await letGo.Task;
            return true;
        });
        var first = await RigAsync(folders: slowFolders.Object, suffix: suffix);
        var second = await RigAsync(suffix: suffix, time: first.Time);
        var reference = await first.ClosedCaseAsync(TimeSpan.FromDays(400), Canary);

        var sweeping = first.Sweep.RunOnceAsync(CancellationToken.None);
        await inFolderRemoval.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var meanwhile = await second.Sweep.RunOnceAsync(CancellationToken.None);
        letGo.SetResult();
        var done = await sweeping;
        var after = await second.Sweep.RunOnceAsync(CancellationToken.None);

        Assert.False(meanwhile.Ran);
        Assert.True(done.Ran);
        Assert.Equal(1, done.CasesDeleted);
        Assert.True(after.Ran);
        Assert.Equal(0, after.CasesDeleted);
        Assert.Equal(reference, Assert.Single(await first.AllTombstonesAsync()).Reference);
    }

    [Fact]
    public async Task A_sweep_stopped_midway_is_finished_by_the_next_one_with_one_tombstone()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var options = new BlobClientOptions();
        var crash = new CrashAfterDeletes(2);
        options.AddPolicy(crash, HttpPipelinePosition.PerCall);
        var dying = await RigAsync(new BlobServiceClient(azurite.ConnectionString, options), suffix: suffix);
        var reference = await dying.ClosedCaseAsync(TimeSpan.FromDays(400), Canary);
        crash.Armed = true;

        await Assert.ThrowsAsync<IOException>(() => dying.Sweep.RunOnceAsync(CancellationToken.None));
        var restarted = await RigAsync(suffix: suffix, time: dying.Time);
        var left = await restarted.AllBlobNamesAsync(reference);

        // The dead process's lease would lapse within a minute; breaking it stands in for that wait.
        await restarted.RetentionContainer.Client.GetBlobClient(SweepLease.BlobName).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        dying.Time.Advance(TimeSpan.FromMinutes(2));
        var result = await restarted.Sweep.RunOnceAsync(CancellationToken.None);

        Assert.NotEmpty(left);
        Assert.Contains($"{restarted.Containers.Cases.Name}/{reference}/case.json", left);
        Assert.True(result.Ran);
        Assert.Equal(1, result.CasesDeleted);
        Assert.Empty(await restarted.AllBlobNamesAsync(reference));
        Assert.DoesNotContain(_graph.Paths(), p => p.Contains(reference, StringComparison.Ordinal));
        var tombstone = Assert.Single(await restarted.AllTombstonesAsync());
        Assert.Equal(4, tombstone.Blobs);
        Assert.True(tombstone.GraphFolderRemoved);
    }

    /// <summary>The process dies (as far as storage can tell) after a number of blob deletions: every
    /// request after that fails before it is sent.</summary>
    private sealed class CrashAfterDeletes(int deletes) : HttpPipelineSynchronousPolicy
    {
        private int _deletes;

        public bool Armed { get; set; }

        public override void OnSendingRequest(HttpMessage message)
        {
            if (Armed && (Volatile.Read(ref _deletes) >= deletes || (message.Request.Method == RequestMethod.Delete && Interlocked.Increment(ref _deletes) > deletes)))
            {
                throw new IOException("The process stopped.");
            }
        }
    }
}
