using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntakeBot.Bench;

/// <summary>Creates cases through the product's own store (so the tags and metadata are the real ones)
/// over 1,000 owners and 10,000 reporters, and measures <c>cases</c> for one owner and <c>my reports</c>
/// for one reporter as the organisation's history grows, in one run; then the start-up tagging pass over
/// cases written without tags.</summary>
internal static class ScaleBenchmark
{
    private const int Owners = 1000;
    private const int Reporters = 10_000;

    // The measured owner and reporter have the same cases at every size, so the figures show the cost
    // of everyone else's cases, not of a longer answer.
    private const int MeasuredOwnerCases = 10;
    private const int MeasuredReporterCases = 3;
    private const int Warmup = 5;
    private const int Parallelism = 32;

    /// <summary>How case.json is stored: web defaults.</summary>
    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The storage account to measure instead of a local Azurite, as a connection string in this
    /// environment variable: Azurite has no tag index, so only a real account shows the index's cost.</summary>
    public const string StorageVariable = "INTAKEBOT_BENCH_STORAGE";

    public static async Task RunAsync(string repoRoot, int largest, int rounds)
    {
        int[] sizes = [.. new[] { 100, 10_000, largest }.Where(n => n <= largest).Distinct()];
        var account = Environment.GetEnvironmentVariable(StorageVariable);
        using var azurite = string.IsNullOrEmpty(account) ? await LocalAzurite.StartAsync(repoRoot) : null;
        var service = new BlobServiceClient(azurite?.ConnectionString ?? account);

        // Containers of this run alone, deleted at the end: on a real account they sit beside others.
        var run = $"scale{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        var containers = new BlobContainers(service, new StorageOptions { CasesContainer = run, StateContainer = $"{run}-state" });
        var untagged = new BlobContainers(service, new StorageOptions { CasesContainer = $"{run}-untagged", StateContainer = $"{run}-untagged-state" });
        try
        {
            await containers.CreateIfMissingAsync(CancellationToken.None);
            var key = new CaseIndexKey(RandomNumberGenerator.GetBytes(32));
            var store = new BlobCaseStore(containers, key);

            var where = azurite is null ? $"the storage account {service.AccountName} (from {StorageVariable})" : "Azurite in memory, all on loopback";
            Console.WriteLine($"Scale benchmark: up to {largest:N0} cases over {Owners:N0} owners and {Reporters:N0} reporters, {rounds} rounds a list, on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {where}");
            Console.WriteLine("| cases | created/s | index caught up after | `cases` (one owner) p50 / p99 | `my reports` (one reporter) p50 / p99 | listing every case.json once (the previous way) |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
            var created = 0;
            foreach (var size in sizes)
            {
                var started = Stopwatch.GetTimestamp();
                await Parallel.ForAsync(created, size, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, token) =>
                {
                    if (!await store.TryCreateAsync(Case(i), token))
                    {
                        throw new InvalidOperationException("A case reference was taken twice.");
                    }
                });
                var rate = (size - created) / Stopwatch.GetElapsedTime(started).TotalSeconds;
                created = size;

                Task<IReadOnlyList<CaseSummary>> Owner() => store.ListAsync(new CaseFilter(Owner: OwnerId(0)), CancellationToken.None);
                Task<IReadOnlyList<CaseSummary>> Reporter() => store.ListAsync(new CaseFilter(ReporterAadObjectId: ReporterId(0)), CancellationToken.None);
                var caughtUp = await IndexCaughtUpAsync(Owner, Reporter, azurite is null ? TimeSpan.FromMinutes(10) : TimeSpan.Zero);
                var owner = await MeasureAsync(rounds, Owner);
                var reporter = await MeasureAsync(rounds, Reporter);
                var listing = await ListEverythingAsync(containers.Cases);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size:N0} | {rate:F0} | {caughtUp} | {owner.P50:F1} / {owner.P99:F1} ms, found {owner.Found} of {MeasuredOwnerCases} | {reporter.P50:F1} / {reporter.P99:F1} ms, found {reporter.Found} of {MeasuredReporterCases} | {listing:F0} ms |"));
            }

            await MeasureTaggingPassAsync(untagged, key, Math.Min(largest, 10_000));
        }
        finally
        {
            await containers.Cases.DeleteIfExistsAsync();
            await containers.State.DeleteIfExistsAsync();
            await untagged.Cases.DeleteIfExistsAsync();
            await untagged.State.DeleteIfExistsAsync();
        }
    }

    /// <summary>Azure's blob index is updated a little after the write (seconds; longer under a burst of
    /// tagging): the lists are measured once it finds the measured person's cases, and the wait is printed.
    /// Azurite answers at once or never (it searches only the first 5,000 blobs), so it is not waited for.</summary>
    private static async Task<string> IndexCaughtUpAsync(Func<Task<IReadOnlyList<CaseSummary>>> owner, Func<Task<IReadOnlyList<CaseSummary>>> reporter, TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        while ((await owner()).Count < MeasuredOwnerCases || (await reporter()).Count < MeasuredReporterCases)
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                return limit == TimeSpan.Zero ? "not at once" : string.Create(CultureInfo.InvariantCulture, $"not within {limit.TotalMinutes:F0} min");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    private static CaseRecord Case(int i)
    {
        var now = DateTimeOffset.UtcNow;
        return new CaseRecord
        {
            Reference = CaseReference.NewReference(),
            Status = CaseStatus.Submitted,
            Owner = OwnerId(i < MeasuredOwnerCases ? 0 : 1 + (i % (Owners - 1))),
            Reporter = new Reporter($"29:{i}", ReporterId(i < MeasuredReporterCases ? 0 : 1 + (i % (Reporters - 1))), null),
            CreatedAt = now,
            UpdatedAt = now,
            SubmittedAt = now,
            Answers = new IntakeAnswers { WhatHappened = ["A few sentences of an account, about as long as a short report usually is."], When = "Last Tuesday" },
        };
    }

    private static string OwnerId(int i) => $"owner-{i:D4}@contoso.test";

    private static string ReporterId(int i) => $"00000000-0000-4000-8000-{i:D12}";

    /// <summary>Times the list; also returns the fewest cases it found, which is printed so that an
    /// incomplete answer (Azurite 3.37 searches only the first 5,000 blobs of a container by tags) is seen.</summary>
    private static async Task<(double P50, double P99, int Found)> MeasureAsync(int rounds, Func<Task<IReadOnlyList<CaseSummary>>> list)
    {
        var times = new List<double>(rounds);
        var fewest = int.MaxValue;
        for (var round = -Warmup; round < rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            var found = await list();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            fewest = Math.Min(fewest, found.Count);
            if (round >= 0)
            {
                times.Add(elapsed);
            }
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.99) - 1], fewest);
    }

    private static async Task<double> ListEverythingAsync(BlobContainerClient cases)
    {
        var started = Stopwatch.GetTimestamp();
        await foreach (var unused in cases.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = "IR-" }))
        {
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Cases as the version before the index wrote them (no tags), then the start-up pass.</summary>
    private static async Task MeasureTaggingPassAsync(BlobContainers containers, CaseIndexKey key, int count)
    {
        await containers.CreateIfMissingAsync(CancellationToken.None);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, token) =>
        {
            var record = Case(i);
            await containers.Cases.GetBlobClient($"{record.Reference}/case.json").UploadAsync(BinaryData.FromObjectAsJson(record, StoredJson), new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string> { ["classification"] = Classification.HighlyConfidential },
            }, token);
        });

        var migration = new CaseIndexMigration(containers, key, Options.Create(new CaseIndexOptions()), TimeProvider.System, NullLogger<CaseIndexMigration>.Instance);
        var started = Stopwatch.GetTimestamp();
        var tagged = await migration.RunAsync(CancellationToken.None) ?? 0;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Start-up tagging pass: {tagged:N0} untagged cases in {seconds:F1} s, {tagged / seconds:F0} cases/s"));
    }
}
