using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using IntakeBot.Cases;
using IntakeBot.Retention;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Retention;

/// <summary>The proof of a deletion at scale: one tombstone per deletion, so <c>deleted IR-…</c> costs the
/// same after thousands of deletions as after one, and the owner kept only as a keyed hash.</summary>
public sealed class TombstoneTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Canary = "CANARY-tombstone-5d41";

    private GraphServer _graph = null!;

    public async Task InitializeAsync() => _graph = await GraphServer.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task Deleted_reads_only_that_cases_tombstone_however_many_other_cases_were_deleted()
    {
        var requests = new StorageRequests();
        var options = new BlobClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        var rig = new RetentionRig(azurite, _graph, new BlobServiceClient(azurite.ConnectionString, options));
        await rig.CreateContainersAsync();
        var reference = await rig.ClosedCaseAsync(TimeSpan.FromDays(400), Canary, shared: false);
        await rig.Sweep.RunOnceAsync(CancellationToken.None);
        var others = Enumerable.Range(0, 300).Select(_ => CaseReference.NewReference()).ToList();
        await Parallel.ForEachAsync(others, async (other, token) => await rig.Tombstones.AppendAsync(
            new Tombstone(Guid.NewGuid().ToString("N"), other, "self-report", rig.Time.Now.AddDays(-500), rig.Time.Now.AddDays(-400), rig.Time.Now, DeletedBy.Sweeper, 4, 0, 1, false, rig.Tombstones.OwnerHash(RetentionRig.OwnerId)), token));

        var mark = requests.Count;
        var bytesBefore = requests.ReceivedBytes;
        var found = await rig.Tombstones.FindForOwnerAsync(reference, RetentionRig.OwnerId, null, CancellationToken.None);

        Assert.Equal(reference, found?.Reference);
        Assert.All(requests.Since(mark, "/"), r => Assert.True(r.Contains($"/{Tombstones.Prefix}", StringComparison.Ordinal) || r.Contains($"prefix={Uri.EscapeDataString(Tombstones.Prefix)}{reference}", StringComparison.Ordinal) || r.Contains(Tombstones.LegacyLogName, StringComparison.Ordinal), r));
        Assert.DoesNotContain(requests.Since(mark, "/"), r => others.Any(o => r.Contains(o, StringComparison.Ordinal)));

        // One tombstone is a few hundred bytes; the 300 others together are about a hundred kilobytes.
        Assert.InRange(requests.ReceivedBytes - bytesBefore, 0, 4096);
    }

    [Fact]
    public async Task A_tombstone_keeps_its_owner_only_as_a_keyed_hash_that_hashing_the_directory_cannot_match()
    {
        var rig = new RetentionRig(azurite, _graph);
        await rig.CreateContainersAsync();
        var reference = await rig.ClosedCaseAsync(TimeSpan.FromDays(400), Canary, shared: false);
        await rig.Sweep.RunOnceAsync(CancellationToken.None);

        var stored = Assert.Single(await rig.TombstoneBlobTextsAsync());
        var unkeyed = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RetentionRig.OwnerId.ToLowerInvariant())));
        Assert.DoesNotContain(unkeyed, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(RetentionRig.OwnerId, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Canary, stored, StringComparison.Ordinal);
        Assert.Equal(reference, (await rig.Tombstones.FindForOwnerAsync(reference, RetentionRig.OwnerId, null, CancellationToken.None))?.Reference);
    }

    [Fact]
    public async Task A_deletion_in_the_log_an_earlier_version_kept_still_answers_its_owner_and_nobody_else()
    {
        var rig = new RetentionRig(azurite, _graph);
        await rig.RetentionContainer.EnsureAsync(CancellationToken.None);
        var reference = CaseReference.NewReference();
        var ownerUpn = "dana.owner@contoso.test";
        var legacyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ownerUpn)));
        var log = rig.RetentionContainer.Client.GetAppendBlobClient(Tombstones.LegacyLogName);
        await log.CreateAsync(new AppendBlobCreateOptions());
        var line = JsonSerializer.Serialize(new Tombstone(Guid.NewGuid().ToString("N"), reference, "self-report", null, null, rig.Time.Now, DeletedBy.Sweeper, 4, 0, 1, false, legacyHash), BlobCaseStore.Json) + "\n";
        await log.AppendBlockAsync(new MemoryStream(Encoding.UTF8.GetBytes(line)));

        var owner = await rig.Tombstones.FindForOwnerAsync(reference, Guid.NewGuid().ToString(), "Dana.Owner@contoso.test", CancellationToken.None);
        var stranger = await rig.Tombstones.FindForOwnerAsync(reference, Guid.NewGuid().ToString(), "someone@contoso.test", CancellationToken.None);

        Assert.Equal(rig.Time.Now, owner?.DeletedAt);
        Assert.Null(stranger);
    }
}
