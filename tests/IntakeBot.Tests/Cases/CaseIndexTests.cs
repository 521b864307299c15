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
using Microsoft.Extensions.Logging.Abstractions;

namespace IntakeBot.Tests.Cases;

public sealed class CaseIndexTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
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

        await store.UpdateAsync(record.Reference, c => c with { Status = CaseStatuses.Submitted, UpdatedAt = Now.AddMinutes(5) }, CancellationToken.None);

        var listed = Assert.Single(await store.ListAsync(new CaseFilter(Owner: record.Owner), CancellationToken.None));
        Assert.Equal(CaseStatuses.Submitted, listed.Status);
        var tags = (await containers.Cases.GetBlobClient($"{record.Reference}/case.json").GetTagsAsync()).Value.Tags;
        Assert.Equal(CaseStatuses.Submitted, tags[CaseIndexTags.Status]);
        Assert.Single(await store.FindAsync(CaseStatuses.Submitted, CaseIndexTags.Updated, Now.AddHours(1), CancellationToken.None).ToListAsync());
        Assert.Empty(await store.FindAsync(CaseStatuses.Draft, CaseIndexTags.Updated, Now.AddHours(1), CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Find_returns_the_cases_in_a_status_whose_date_is_before_the_bound()
    {
        var (_, store) = await NewStoreAsync();
        var cases = Enumerable.Range(0, 40).Select(i => NewCase(i) with
        {
            Status = i % 2 == 0 ? CaseStatuses.Submitted : CaseStatuses.Draft,
            UpdatedAt = Now.AddDays(-i),
        }).ToList();
        await Task.WhenAll(cases.Select(c => store.TryCreateAsync(c, CancellationToken.None)));

        var bound = Now.AddDays(-10).AddHours(1);
        var found = await store.FindAsync(CaseStatuses.Submitted, CaseIndexTags.Updated, bound, CancellationToken.None).ToListAsync();

        Assert.Equal(
            cases.Where(c => c.Status == CaseStatuses.Submitted && c.UpdatedAt < bound).Select(c => c.Reference).Order(StringComparer.Ordinal),
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
    public async Task The_start_up_pass_tags_older_cases_and_after_an_interruption_visits_only_the_untagged_ones()
    {
        var (containers, store) = await NewStoreAsync();
        var older = Enumerable.Range(0, 500).Select(NewCase).ToList();
        await Parallel.ForEachAsync(older, async (c, token) => await WriteAsBeforeTheIndexAsync(containers, c, token));
        Assert.Empty(await store.ListAsync(new CaseFilter(Owner: Owner(1)), CancellationToken.None));

        // First start-up: stopped after its first page.
        var migration = new CaseIndexMigration(containers, IndexKey, NullLogger<CaseIndexMigration>.Instance);
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => migration.RunAsync(100, afterPage: _ => stop.Cancel(), stop.Token));
        var taggedFirst = await ETagsOfTaggedAsync(containers);
        Assert.Equal(100, taggedFirst.Count);

        // Next start-up: only the rest are written; the ones already tagged are left as they were.
        Assert.Equal(400, await migration.RunAsync(100, afterPage: null, CancellationToken.None));
        var taggedAll = await ETagsOfTaggedAsync(containers);
        Assert.Equal(500, taggedAll.Count);
        Assert.All(taggedFirst, t => Assert.Equal(t.Value, taggedAll[t.Key]));

        Assert.Equal(older.Where(c => c.Owner == Owner(1)).Select(c => c.Reference).Order(StringComparer.Ordinal),
            (await store.ListAsync(new CaseFilter(Owner: Owner(1)), CancellationToken.None)).Select(c => c.Reference));
        var metadata = (await containers.Cases.GetBlobClient($"{older[0].Reference}/case.json").GetPropertiesAsync()).Value.Metadata;
        Assert.Equal(Classification.HighlyConfidential, Assert.Single(metadata).Value);

        // Once done, later start-ups do not list the container again.
        _requests.Clear();
        Assert.Equal(0, await migration.RunAsync(100, afterPage: null, CancellationToken.None));
        Assert.DoesNotContain(_requests.Uris, u => u.Query.Contains("comp=list", StringComparison.Ordinal));
    }

    private static CaseIndexKey IndexKey { get; } = new(RandomNumberGenerator.GetBytes(32));

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

    private async Task<(BlobContainers Containers, BlobCaseStore Store)> NewStoreAsync()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        var containers = new BlobContainers(new BlobServiceClient(azurite.ConnectionString, options), new StorageOptions
        {
            CasesContainer = $"cases-{Guid.NewGuid():N}"[..20],
            StateContainer = $"state-{Guid.NewGuid():N}"[..20],
        });
        await containers.CreateIfMissingAsync(CancellationToken.None);
        return (containers, new BlobCaseStore(containers, IndexKey));
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

    /// <summary>A case.json as the previous version wrote it: no tags, unkeyed hashes in metadata.</summary>
    private static async Task WriteAsBeforeTheIndexAsync(BlobContainers containers, CaseRecord record, CancellationToken cancellationToken)
    {
        static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        await containers.Cases.GetBlobClient($"{record.Reference}/case.json").UploadAsync(BinaryData.FromObjectAsJson(record, BlobCaseStore.Json), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string>
            {
                ["classification"] = Classification.HighlyConfidential,
                ["owner"] = Hash(record.Owner),
                ["reporter"] = Hash(record.Reporter!.AadObjectId),
            },
        }, cancellationToken);
    }

    private static async Task<Dictionary<string, string>> ETagsOfTaggedAsync(BlobContainers containers)
    {
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var blob in containers.Cases.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Tags, Prefix = "IR-" }))
        {
            if (blob.Tags?.ContainsKey(CaseIndexTags.Version) == true)
            {
                etags[blob.Name] = blob.Properties.ETag!.Value.ToString();
            }
        }

        return etags;
    }

    /// <summary>Notes the address of every request the store sends to Azurite.</summary>
    private sealed class RequestLog : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentQueue<Uri> _uris = new();

        public IEnumerable<Uri> Uris => _uris;

        public void Clear() => _uris.Clear();

        public override void OnSendingRequest(HttpMessage message) => _uris.Enqueue(message.Request.Uri.ToUri());
    }
}
