using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Tests.Retention;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntakeBot.Tests.Cases;

[LongRunning]
public sealed class CaseIndexTests(OwnAzuriteFixture azurite) : IClassFixture<OwnAzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly RequestLog _requests = new();

    [Fact]
    public async Task Cases_and_my_reports_list_exactly_that_persons_cases_among_thousands_without_listing_the_container()
    {
        var (_, store) = await NewStoreAsync();
        var created = await SeedAsync(store, count: 3000, owners: 300, reporters: 1000);

        _requests.Clear();
        var owned = await store.ListAsync(new CaseFilter(Owner: "Owner-7@Contoso.test "), CancellationToken.None);
        var reported = await store.ListAsync(new CaseFilter(ReporterAadObjectId: Reporter(42)), CancellationToken.None);

        Assert.Equal(created.Where(c => c.Owner == Owner(7)).Select(c => c.Reference).Order(StringComparer.Ordinal), owned.Select(c => c.Reference));
        Assert.Equal(created.Where(c => c.Reporter!.AadObjectId == Reporter(42)).Select(c => c.Reference).Order(StringComparer.Ordinal), reported.Select(c => c.Reference));
        Assert.Equal(10, owned.Count);
        Assert.Equal(3, reported.Count);

        // Nobody else's case was read and the container was never listed.
        Assert.DoesNotContain(_requests.Uris, u => u.Query.Contains("comp=list", StringComparison.Ordinal));
        Assert.Equal(owned.Count + reported.Count, _requests.Uris.Count(u => u.AbsolutePath.EndsWith("/case.json", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_status_change_shows_in_the_index_and_the_list_at_once()
    {
        var (containers, store) = await NewStoreAsync();
        var record = NewCase(0);
        await store.TryCreateAsync(record, CancellationToken.None);

        await store.UpdateAsync(record.Reference, c => c with { Status = CaseStatus.Submitted, UpdatedAt = Now.AddMinutes(5) }, CancellationToken.None);

        var listed = Assert.Single(await store.ListAsync(new CaseFilter(Owner: record.Owner), CancellationToken.None));
        Assert.Equal(CaseStatus.Submitted, listed.Status);
        var tags = (await containers.Cases.GetBlobClient($"{record.Reference}/case.json").GetTagsAsync()).Value.Tags;
        Assert.Equal("submitted", tags[CaseIndexTags.Status]);
        Assert.Single(await store.FindAsync(CaseStatus.Submitted, CaseIndexTags.Updated, Now.AddHours(1), CancellationToken.None).ToListAsync());
        Assert.Empty(await store.FindAsync(CaseStatus.Draft, CaseIndexTags.Updated, Now.AddHours(1), CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Once_checked_an_owners_list_is_one_blob_read_without_the_index_or_any_case()
    {
        var (containers, store) = await NewStoreAsync();
        await NewMigration(containers).RunAsync(CancellationToken.None);
        var created = await SeedAsync(store, count: 600, owners: 30, reporters: 100);
        var expected = created.Where(c => c.Owner == Owner(7)).Select(c => c.Reference).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, (await store.ListAsync(new CaseFilter(Owner: Owner(7)), CancellationToken.None)).Select(c => c.Reference));

        _requests.Clear();
        var owned = await store.ListAsync(new CaseFilter(Owner: "Owner-7@Contoso.test "), CancellationToken.None);

        Assert.Equal(expected, owned.Select(c => c.Reference));
        Assert.Equal(20, owned.Count);
        Assert.All(owned, c => Assert.Equal(CaseStatus.Draft, c.Status));
        var read = Assert.Single(_requests.Uris);
        Assert.Contains($"/{containers.Cases.Name}/{OwnerLists.Folder}", read.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transferred_case_leaves_the_old_owners_list_and_joins_the_new_one_at_once()
    {
        var (containers, store) = await NewStoreAsync();
        await NewMigration(containers).RunAsync(CancellationToken.None);
        var created = await SeedAsync(store, count: 40, owners: 4, reporters: 10);
        Assert.Equal(10, (await store.ListAsync(new CaseFilter(Owner: Owner(1)), CancellationToken.None)).Count);
        Assert.Equal(10, (await store.ListAsync(new CaseFilter(Owner: Owner(2)), CancellationToken.None)).Count);
        var moved = created.First(c => c.Owner == Owner(1)).Reference;

        await store.UpdateAsync(moved, c => c with { Owner = Owner(2), Status = CaseStatus.Acknowledged, UpdatedAt = Now.AddMinutes(1) }, CancellationToken.None);
        _requests.Clear();
        var before = await store.ListAsync(new CaseFilter(Owner: Owner(1)), CancellationToken.None);
        var after = await store.ListAsync(new CaseFilter(Owner: Owner(2)), CancellationToken.None);

        Assert.Equal(CaseStatus.Acknowledged, Assert.Single(after, c => c.Reference == moved).Status);
        Assert.Equal(11, after.Count);
        Assert.Equal(9, before.Count);
        Assert.DoesNotContain(moved, before.Select(c => c.Reference));

        // Served from the lists alone: Azure's tag index, which may still show the old owner, was not asked.
        Assert.DoesNotContain(_requests.Uris, u => u.Query.Contains("comp=blobs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lists_left_behind_by_a_stopped_transfer_are_mended_by_its_retry_and_by_the_next_check()
    {
        var clock = new ManualTime(Now);
        var (containers, store) = await NewStoreAsync(clock);
        await NewMigration(containers).RunAsync(CancellationToken.None);
        var created = await SeedAsync(store, count: 20, owners: 2, reporters: 5);
        var moved = created.First(c => c.Owner == Owner(0)).Reference;
        Func<CaseRecord, CaseRecord> transfer = c => c.Owner == Owner(0) ? c with { Owner = Owner(1), UpdatedAt = Now.AddMinutes(1) } : c;
        var lists = new Dictionary<string, BinaryData>();
        foreach (var owner in new[] { Owner(0), Owner(1) })
        {
            await store.ListAsync(new CaseFilter(Owner: owner), CancellationToken.None);
            lists[owner] = (await OwnerListBlob(containers, owner).DownloadContentAsync()).Value.Content;
        }

        // The case is moved, and the process stops before either list is written.
        await store.UpdateAsync(moved, transfer, CancellationToken.None);
        foreach (var (owner, list) in lists)
        {
            await OwnerListBlob(containers, owner).UploadAsync(list, overwrite: true);
        }

        Assert.Contains(moved, (await store.ListAsync(new CaseFilter(Owner: Owner(0)), CancellationToken.None)).Select(c => c.Reference));
        Assert.DoesNotContain(moved, (await store.ListAsync(new CaseFilter(Owner: Owner(1)), CancellationToken.None)).Select(c => c.Reference));

        // The committed change applied again finds the case moved already, and mends the new owner's list.
        await store.UpdateAsync(moved, transfer, CancellationToken.None);
        Assert.Contains(moved, (await store.ListAsync(new CaseFilter(Owner: Owner(1)), CancellationToken.None)).Select(c => c.Reference));

        // The old owner's list is checked against the cases again once it is due.
        clock.Advance(OwnerLists.CheckEvery);
        var old = await store.ListAsync(new CaseFilter(Owner: Owner(0)), CancellationToken.None);
        Assert.Equal(9, old.Count);
        Assert.DoesNotContain(moved, old.Select(c => c.Reference));
    }

    [Fact]
    public async Task Find_returns_the_cases_in_a_status_whose_date_is_before_the_bound()
    {
        var (_, store) = await NewStoreAsync();
        var cases = Enumerable.Range(0, 40).Select(i => NewCase(i) with
        {
            Status = i % 2 == 0 ? CaseStatus.Submitted : CaseStatus.Draft,
            UpdatedAt = Now.AddDays(-i),
        }).ToList();
        await Task.WhenAll(cases.Select(c => store.TryCreateAsync(c, CancellationToken.None)));

        var bound = Now.AddDays(-10).AddHours(1);
        var found = await store.FindAsync(CaseStatus.Submitted, CaseIndexTags.Updated, bound, CancellationToken.None).ToListAsync();

        Assert.Equal(
            cases.Where(c => c.Status == CaseStatus.Submitted && c.UpdatedAt < bound).Select(c => c.Reference).Order(StringComparer.Ordinal),
            found.Select(c => c.Reference));
    }

    [Fact]
    public async Task No_tag_or_metadata_carries_a_persons_id_or_its_unkeyed_hash()
    {
        var (containers, store) = await NewStoreAsync();
        var record = NewCase(3);
        await store.TryCreateAsync(record, CancellationToken.None);

        var blob = containers.Cases.GetBlobClient($"{record.Reference}/case.json");
        var tags = (await blob.GetTagsAsync()).Value.Tags;
        var metadata = (await blob.GetPropertiesAsync()).Value.Metadata;
        var stored = tags.Values.Concat(metadata.Values).ToList();
        foreach (var id in new[] { record.Owner, record.Reporter!.AadObjectId })
        {
            Assert.DoesNotContain(stored, v => v.Contains(id, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id))), stored);
        }

        // The tags are keyed: another key gives other values, so they cannot be matched without it.
        var other = new CaseIndexKey(RandomNumberGenerator.GetBytes(32));
        Assert.Equal(IndexKey.Of(record.Owner), tags[CaseIndexTags.Owner]);
        Assert.NotEqual(other.Of(record.Owner), tags[CaseIndexTags.Owner]);
        Assert.Equal(IndexKey.Of(record.Reporter.AadObjectId), tags[CaseIndexTags.Reporter]);
    }

    [Fact]
    public async Task The_tagging_pass_tags_older_cases_and_after_an_interruption_visits_only_the_untagged_ones()
    {
        var (containers, store) = await NewStoreAsync();
        var older = Enumerable.Range(0, 500).Select(NewCase).ToList();
        await Parallel.ForEachAsync(older, async (c, token) => await WriteAsBeforeTheIndexAsync(containers, c, token));
        Assert.Empty(await store.ListAsync(new CaseFilter(Owner: Owner(1)), CancellationToken.None));

        // First run: stopped after its first page.
        var migration = NewMigration(containers);
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => migration.RunAsync(100, afterPage: _ => stop.Cancel(), stop.Token));
        Assert.Equal(100, (await TaggedAsync(containers)).Count);

        // Next run: only the rest are visited (two tag writes each: the mark and the tags).
        _requests.Clear();
        Assert.Equal(400, await migration.RunAsync(100, afterPage: null, CancellationToken.None));
        Assert.Equal(500, (await TaggedAsync(containers)).Count);
        Assert.Equal(800, _requests.TagWrites);

        Assert.Equal(older.Where(c => c.Owner == Owner(1)).Select(c => c.Reference).Order(StringComparer.Ordinal),
            (await store.ListAsync(new CaseFilter(Owner: Owner(1)), CancellationToken.None)).Select(c => c.Reference));
        var metadata = (await containers.Cases.GetBlobClient($"{older[0].Reference}/case.json").GetPropertiesAsync()).Value.Metadata;
        Assert.Equal(Classification.HighlyConfidential, Assert.Single(metadata).Value);


        // Once done, later runs do not list the container again.
        _requests.Clear();
        Assert.Equal(0, await migration.RunAsync(100, afterPage: null, CancellationToken.None));
        Assert.DoesNotContain(_requests.Uris, u => u.Query.Contains("comp=list", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Instances_starting_together_tag_each_older_case_once()
    {
        var (containers, store) = await NewStoreAsync();
        var older = Enumerable.Range(0, 300).Select(NewCase).ToList();
        await Parallel.ForEachAsync(older, async (c, token) => await WriteAsBeforeTheIndexAsync(containers, c, token));

        _requests.Clear();
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => NewMigration(containers).RunAsync(CancellationToken.None)));

        // One instance did the work; the others found it running (null) or done (0).
        Assert.Single(runs, r => r == 300);
        Assert.All(runs.Where(r => r != 300), r => Assert.True(r is null or 0));
        Assert.Equal(600, _requests.TagWrites);
        Assert.Equal(300, (await TaggedAsync(containers)).Count);
        Assert.Equal(older.Where(c => c.Owner == Owner(2)).Select(c => c.Reference).Order(StringComparer.Ordinal),
            (await store.ListAsync(new CaseFilter(Owner: Owner(2)), CancellationToken.None)).Select(c => c.Reference));
    }

    [Fact]
    public async Task While_another_instance_holds_the_pass_this_one_tags_nothing_and_carries_on_when_it_is_free()
    {
        var (containers, store) = await NewStoreAsync();
        var older = Enumerable.Range(0, 50).Select(NewCase).ToList();
        await Parallel.ForEachAsync(older, async (c, token) => await WriteAsBeforeTheIndexAsync(containers, c, token, withHashes: false));
        var etagsBefore = await ETagsAsync(containers);
        var other = await HoldPassLeaseAsync(containers);

        Assert.Null(await NewMigration(containers).RunAsync(CancellationToken.None));
        Assert.Empty(await TaggedAsync(containers));

        await other.ReleaseAsync();
        Assert.Equal(50, await NewMigration(containers).RunAsync(CancellationToken.None));

        // Tagging rewrote no case with nothing else to change: every ETag is as it was, so no blob version was added.
        Assert.Equal(etagsBefore, await ETagsAsync(containers));
        Assert.Equal(older.Where(c => c.Owner == Owner(3)).Select(c => c.Reference).Order(StringComparer.Ordinal),
            (await store.ListAsync(new CaseFilter(Owner: Owner(3)), CancellationToken.None)).Select(c => c.Reference));
    }

    [Fact]
    public async Task A_pass_whose_lease_is_taken_over_mid_pass_leaves_every_case_tagged_once_with_its_own_tags()
    {
        var (containers, store) = await NewStoreAsync();
        var older = Enumerable.Range(0, 200).Select(NewCase).ToList();
        await Parallel.ForEachAsync(older, async (c, token) => await WriteAsBeforeTheIndexAsync(containers, c, token));
        _requests.Clear();

        // After its first page, the first instance loses its lease (as when it stalls past a renewal) and
        // a second instance takes the pass over and finishes it; then the first goes on.
        int? second = null;
        var first = NewMigration(containers).RunAsync(50, afterPage: tagged =>
        {
            if (second is not null)
            {
                return;
            }

            containers.Cases.GetBlobClient(CaseIndexMigration.LockBlob).GetBlobLeaseClient().Break(TimeSpan.Zero);
            second = NewMigration(containers).RunAsync(50, afterPage: null, CancellationToken.None).GetAwaiter().GetResult();
        }, CancellationToken.None);

        // The first either ends or, once its renewal finds the lease gone, is cancelled: both are fine.
        try
        {
            await first;
        }
        catch (OperationCanceledException)
        {
        }

        // The second finished the pass; between them every case was tagged exactly once (a mark and its
        // tags: two tag writes), and each owner's list is exactly that owner's cases.
        Assert.Equal(150, second);
        Assert.Equal(400, _requests.TagWrites);
        Assert.Equal(200, (await TaggedAsync(containers)).Count);
        for (var owner = 0; owner < 7; owner++)
        {
            Assert.Equal(older.Where(c => c.Owner == Owner(owner)).Select(c => c.Reference).Order(StringComparer.Ordinal),
                (await store.ListAsync(new CaseFilter(Owner: Owner(owner)), CancellationToken.None)).Select(c => c.Reference));
        }

        Assert.True(await containers.Cases.GetBlobClient(CaseIndexMigration.DoneMarker).ExistsAsync());
    }

    [Fact]
    public async Task Cases_left_marked_by_a_stopped_pass_and_cases_written_while_a_pass_runs_all_end_up_tagged()
    {
        var (containers, store) = await NewStoreAsync();
        var older = Enumerable.Range(0, 150).Select(NewCase).ToList();
        await Parallel.ForEachAsync(older, async (c, token) => await WriteAsBeforeTheIndexAsync(containers, c, token));

        // A pass that stopped between marking a case (idx=0) and tagging it left these with the mark alone.
        foreach (var marked in older.Take(20))
        {
            await containers.Cases.GetBlobClient($"{marked.Reference}/case.json").SetTagsAsync(new Dictionary<string, string> { [CaseIndexTags.Version] = "0" });
        }

        // While the next pass runs, the bot creates cases and changes an older one that the pass has not reached.
        var created = new List<CaseRecord>();
        var changed = older.MaxBy(c => c.Reference, StringComparer.Ordinal)!;
        var pass = await NewMigration(containers).RunAsync(50, afterPage: _ =>
        {
            if (created.Count > 0)
            {
                return;
            }

            created.AddRange(Enumerable.Range(1000, 10).Select(NewCase));
            foreach (var record in created)
            {
                Assert.True(store.TryCreateAsync(record, CancellationToken.None).GetAwaiter().GetResult());
            }

            Assert.NotNull(store.UpdateAsync(changed.Reference, c => c with { Owner = Owner(6), UpdatedAt = Now.AddMinutes(1) }, CancellationToken.None).GetAwaiter().GetResult());
        }, CancellationToken.None);

        Assert.NotNull(pass);
        Assert.Equal(160, (await TaggedAsync(containers)).Count);
        var all = older.Select(c => c.Reference == changed.Reference ? c with { Owner = Owner(6) } : c).Concat(created).ToList();
        for (var owner = 0; owner < 7; owner++)
        {
            Assert.Equal(all.Where(c => c.Owner == Owner(owner)).Select(c => c.Reference).Order(StringComparer.Ordinal),
                (await store.ListAsync(new CaseFilter(Owner: Owner(owner)), CancellationToken.None)).Select(c => c.Reference));
        }
    }

    [Fact]
    public async Task The_bot_is_ready_and_answers_before_the_tagging_pass_has_run()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var containers = new BlobContainers(new BlobServiceClient(azurite.ConnectionString), new StorageOptions { CasesContainer = $"cases-{suffix}", StateContainer = $"state-{suffix}" });
        await containers.CreateIfMissingAsync(CancellationToken.None);
        var older = Enumerable.Range(0, 40).Select(i => NewCase(i) with { Owner = BotApp.DefaultOwner }).ToList();
        await Parallel.ForEachAsync(older, async (c, token) => await WriteAsBeforeTheIndexAsync(containers, c, token));

        // Another instance is running the pass (and stays on it until this test lets go).
        var other = await HoldPassLeaseAsync(containers);
        await using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Storage:CasesContainer"] = containers.Cases.Name,
            ["Storage:StateContainer"] = containers.State.Name,
            ["CaseIndex:LeaseRetrySeconds"] = "1",
        });
        using var http = app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).StatusCode);
        Assert.Empty(await TaggedAsync(containers));

        // When that instance lets go, this one carries the pass through: the owner's cases are listed.
        await other.ReleaseAsync();
        var store = new BlobCaseStore(containers, app.Services.GetRequiredService<CaseIndexKey>());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await store.ListAsync(new CaseFilter(Owner: BotApp.DefaultOwner), deadline.Token)).Count < older.Count)
        {
            await Task.Delay(100, deadline.Token);
        }

        Assert.True(await containers.Cases.GetBlobClient(CaseIndexMigration.DoneMarker).ExistsAsync());
    }

    [Fact]
    public async Task A_case_marked_after_the_listing_passed_it_is_tagged_before_the_pass_calls_itself_done()
    {
        var (containers, store) = await NewStoreAsync();
        var older = Enumerable.Range(0, 30).Select(NewCase).ToList();
        await Parallel.ForEachAsync(older, async (c, token) => await WriteAsBeforeTheIndexAsync(containers, c, token));

        // After the first page, an instance that lost the lease (and does not know it yet) marks a case
        // this pass has tagged already, and stops there.
        var late = older.OrderBy(c => c.Reference, StringComparer.Ordinal).First();
        var markedLate = false;
        await NewMigration(containers).RunAsync(10, afterPage: _ =>
        {
            if (!markedLate)
            {
                markedLate = true;
                containers.Cases.GetBlobClient($"{late.Reference}/case.json")
                    .SetTags(new Dictionary<string, string> { [CaseIndexTags.Version] = "0" });
            }
        }, CancellationToken.None);

        Assert.True(await containers.Cases.GetBlobClient(CaseIndexMigration.DoneMarker).ExistsAsync());
        Assert.Equal(30, (await TaggedAsync(containers)).Count);
        Assert.Contains(late.Reference, (await store.ListAsync(new CaseFilter(Owner: late.Owner), CancellationToken.None)).Select(c => c.Reference));
    }

    [Fact]
    public async Task A_case_a_newer_version_wrote_does_not_stop_the_tagging_pass_and_keeps_its_own_tags()
    {
        var (containers, store) = await NewStoreAsync();
        var older = Enumerable.Range(0, 20).Select(NewCase).ToList();
        await Parallel.ForEachAsync(older, async (c, token) => await WriteAsBeforeTheIndexAsync(containers, c, token));
        var newer = NewCase(99);
        var json = BinaryData.FromObjectAsJson(newer, BlobCaseStore.Json).ToString().Replace("\"status\":\"draft\"", "\"status\":\"escalated\"", StringComparison.Ordinal);
        Assert.Contains("escalated", json, StringComparison.Ordinal);
        var newerBlob = containers.Cases.GetBlobClient($"{newer.Reference}/case.json");
        await newerBlob.UploadAsync(BinaryData.FromString(json), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { ["classification"] = Classification.HighlyConfidential },
            Tags = new Dictionary<string, string> { [CaseIndexTags.Version] = "9", ["status"] = "escalated" },
        });

        Assert.Equal(20, await NewMigration(containers).RunAsync(CancellationToken.None));

        Assert.True(await containers.Cases.GetBlobClient(CaseIndexMigration.DoneMarker).ExistsAsync());
        Assert.Equal(20, (await TaggedAsync(containers)).Count);
        Assert.Equal(new Dictionary<string, string> { [CaseIndexTags.Version] = "9", ["status"] = "escalated" }, (await newerBlob.GetTagsAsync()).Value.Tags);
        Assert.Equal(older.Where(c => c.Owner == Owner(1)).Select(c => c.Reference).Order(StringComparer.Ordinal),
            (await store.ListAsync(new CaseFilter(Owner: Owner(1)), CancellationToken.None)).Select(c => c.Reference));
    }

    private static CaseIndexKey IndexKey { get; } = new(RandomNumberGenerator.GetBytes(32));

    private static CaseIndexMigration NewMigration(BlobContainers containers)
        => new(containers, IndexKey, Options.Create(new CaseIndexOptions()), TimeProvider.System, NullLogger<CaseIndexMigration>.Instance);

    /// <summary>Takes the pass's lease as another instance running it would.</summary>
    private static async Task<BlobLeaseClient> HoldPassLeaseAsync(BlobContainers containers)
    {
        var lockBlob = containers.Cases.GetBlobClient(CaseIndexMigration.LockBlob);
        await lockBlob.UploadAsync(BinaryData.Empty, overwrite: true);
        var lease = lockBlob.GetBlobLeaseClient();
        await lease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);
        return lease;
    }

    private static string Owner(int i) => $"owner-{i}@contoso.test";

    private static string Reporter(int i) => $"00000000-0000-0000-0000-{i:D12}";

    private static CaseRecord NewCase(int i) => new()
    {
        Reference = CaseReference.NewReference(),
        Owner = Owner(i % 7),
        Reporter = new Reporter($"29:{i}", Reporter(i), $"Person {i}"),
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    private static BlobClient OwnerListBlob(BlobContainers containers, string owner)
        => containers.Cases.GetBlobClient($"{OwnerLists.Folder}{IndexKey.Of(owner)}.json");

    private async Task<(BlobContainers Containers, BlobCaseStore Store)> NewStoreAsync(TimeProvider? clock = null)
    {
        var options = new BlobClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        var containers = new BlobContainers(new BlobServiceClient(azurite.ConnectionString, options), new StorageOptions
        {
            CasesContainer = $"cases-{Guid.NewGuid():N}"[..20],
            StateContainer = $"state-{Guid.NewGuid():N}"[..20],
        });
        await containers.CreateIfMissingAsync(CancellationToken.None);
        return (containers, new BlobCaseStore(containers, IndexKey, clock: clock));
    }

    /// <summary>Case i belongs to owner i mod owners and reporter i mod reporters.</summary>
    private static async Task<List<CaseRecord>> SeedAsync(BlobCaseStore store, int count, int owners, int reporters)
    {
        var cases = Enumerable.Range(0, count).Select(i => NewCase(i) with
        {
            Owner = Owner(i % owners),
            Reporter = new Reporter($"29:{i}", Reporter(i % reporters), null),
        }).ToList();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, token) =>
            Assert.True(await store.TryCreateAsync(c, token)));
        return cases;
    }

    /// <summary>A case.json as an earlier version wrote it: no tags, and (before the index) unkeyed hashes in metadata.</summary>
    private static async Task WriteAsBeforeTheIndexAsync(BlobContainers containers, CaseRecord record, CancellationToken cancellationToken, bool withHashes = true)
    {
        static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        var metadata = new Dictionary<string, string> { ["classification"] = Classification.HighlyConfidential };
        if (withHashes)
        {
            metadata["owner"] = Hash(record.Owner);
            metadata["reporter"] = Hash(record.Reporter!.AadObjectId);
        }

        await containers.Cases.GetBlobClient($"{record.Reference}/case.json").UploadAsync(BinaryData.FromObjectAsJson(record, BlobCaseStore.Json), new BlobUploadOptions
        {
            Metadata = metadata,
        }, cancellationToken);
    }

    private static async Task<List<string>> TaggedAsync(BlobContainers containers)
    {
        var tagged = new List<string>();
        await foreach (var blob in containers.Cases.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Tags, Prefix = "IR-" }))
        {
            if (blob.Tags?.TryGetValue(CaseIndexTags.Version, out var version) == true && version == CaseIndexTags.CurrentVersion)
            {
                tagged.Add(blob.Name);
            }
        }

        return tagged;
    }

    private static async Task<Dictionary<string, string>> ETagsAsync(BlobContainers containers)
    {
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var blob in containers.Cases.GetBlobsAsync(new GetBlobsOptions { Prefix = "IR-" }))
        {
            etags[blob.Name] = blob.Properties.ETag!.Value.ToString();
        }

        return etags;
    }

    /// <summary>Notes the address of every request the store sends to Azurite.</summary>
    private sealed class RequestLog : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentQueue<Uri> _uris = new();
        private int _tagWrites;

        public IEnumerable<Uri> Uris => _uris;

        /// <summary>Set Blob Tags requests.</summary>
        public int TagWrites => _tagWrites;

        public void Clear()
        {
            _uris.Clear();
            _tagWrites = 0;
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            var uri = message.Request.Uri.ToUri();
            _uris.Enqueue(uri);
            if (message.Request.Method == RequestMethod.Put && uri.Query.Contains("comp=tags", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _tagWrites);
            }
        }
    }
}
