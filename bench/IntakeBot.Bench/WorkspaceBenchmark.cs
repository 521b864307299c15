using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using IntakeBot.Cases;
using IntakeBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntakeBot.Bench;

/// <summary>The workspace tab's list for one owner with 200 cases among 10,000 (the rest over 999 other
/// owners), written through the product's own store so that the tags are the real ones. It times what
/// <c>GET /api/workspace/cases</c> does to the storage: a read of the owner's list (<c>OwnerLists</c>, the
/// first read rebuilding it from the index and the cases), the most-urgent-first order, and the first page
/// cut from it (the HTTP and sign-in around it are left out); and, for comparison, the owner's index query
/// alone, which (with a read of each case it found) was what the list cost before the owners' lists.</summary>
internal static class WorkspaceBenchmark
{
    private const int OwnerCases = 200;
    private const int OtherOwners = 999;
    private const int PageSize = 50;
    private const int Warmup = 5;
    private const int Parallelism = 32;
    private const string Owner = "owner-measured@contoso.test";

    public static async Task RunAsync(string repoRoot, int total, int rounds)
    {
        var account = Environment.GetEnvironmentVariable(ScaleBenchmark.StorageVariable);
        using var azurite = string.IsNullOrEmpty(account) ? await LocalAzurite.StartAsync(repoRoot) : null;
        var service = new BlobServiceClient(azurite?.ConnectionString ?? account);
        var run = $"workspace{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        var containers = new BlobContainers(service, new StorageOptions { CasesContainer = run, StateContainer = $"{run}-state" });
        try
        {
            await containers.CreateIfMissingAsync(CancellationToken.None);
            var key = new CaseIndexKey(RandomNumberGenerator.GetBytes(32));

            // As at a new deployment's start-up: the tagging pass finds nothing to tag and marks the index complete.
            await new CaseIndexMigration(containers, key, Options.Create(new CaseIndexOptions()), TimeProvider.System, NullLogger<CaseIndexMigration>.Instance).RunAsync(CancellationToken.None);
            var store = new BlobCaseStore(containers, key);
            var queries = new CaseQueries(store);
            var where = azurite is null ? $"the storage account {service.AccountName} (from {ScaleBenchmark.StorageVariable})" : "Azurite in memory, all on loopback";
            Console.WriteLine($"Workspace benchmark: one owner's {OwnerCases} cases among {total:N0}, {rounds} rounds, on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {where}");

            var started = Stopwatch.GetTimestamp();
            await Parallel.ForAsync(0, total, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, token) =>
            {
                if (!await store.TryCreateAsync(Case(i, stride: total / OwnerCases), token))
                {
                    throw new InvalidOperationException("A case reference was taken twice.");
                }
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Created {total:N0} cases at {total / Stopwatch.GetElapsedTime(started).TotalSeconds:F0} a second."));

            var times = new List<double>(rounds);
            var fewest = int.MaxValue;
            for (var round = -Warmup; round < rounds; round++)
            {
                var begun = Stopwatch.GetTimestamp();
                var owned = await queries.OwnedMostUrgentFirstAsync(Owner, [], DateTimeOffset.UtcNow, CancellationToken.None);
                var page = owned.Take(PageSize).ToList();
                var elapsed = Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
                fewest = Math.Min(fewest, owned.Count);
                if (round >= 0 && page.Count > 0)
                {
                    times.Add(elapsed);
                }
            }

            // What the list cost before the owners' lists, for comparison: the index query alone.
            var query = $"\"{CaseIndexTags.Owner}\" = '{key.Of(Owner)}'";
            var queried = new List<double>(rounds);
            for (var round = 0; round < rounds; round++)
            {
                var begun = Stopwatch.GetTimestamp();
                await foreach (var unused in containers.Cases.FindBlobsByTagsAsync(query))
                {
                }

                queried.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
            }

            Console.WriteLine("| cases | the owner's | list p50 / p99 | found | the index query alone p50 / p99 |");
            Console.WriteLine("| --- | --- | --- | --- | --- |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {total:N0} | {OwnerCases} | {Percentiles(times)} | {fewest} of {OwnerCases} | {Percentiles(queried)} |"));
        }
        finally
        {
            await containers.Cases.DeleteIfExistsAsync();
            await containers.State.DeleteIfExistsAsync();
        }
    }

    private static string Percentiles(List<double> times)
    {
        times.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{times[times.Count / 2]:F1} / {times[(int)Math.Ceiling(times.Count * 0.99) - 1]:F1} ms");
    }

    /// <summary>Every <paramref name="stride"/>th case is the measured owner's, so that their cases are
    /// spread over the container as a real owner's are; some have a running deadline or a safety concern,
    /// so that the order has work to do.</summary>
    private static CaseRecord Case(int i, int stride)
    {
        var now = DateTimeOffset.UtcNow;
        var owner = i % stride == 0 ? Owner : $"owner-{i % OtherOwners:D4}@contoso.test";
        return new CaseRecord
        {
            Reference = CaseReference.NewReference(),
            Status = i % 7 == 0 ? CaseStatus.Acknowledged : CaseStatus.Submitted,
            Owner = owner,
            Reporter = new Reporter($"29:{i}", $"00000000-0000-4000-8000-{i:D12}", null),
            CreatedAt = now.AddMinutes(-i),
            UpdatedAt = now.AddMinutes(-i),
            SubmittedAt = now.AddMinutes(-i),
            SafetyConcern = i % 97 == 0,
            Deadlines = i % 3 == 0 ? [new CaseDeadline(DeadlineKind.Acknowledge, now.AddDays(7 - (i % 10)), now.AddDays(6 - (i % 10)))] : [],
            Answers = new IntakeAnswers { WhatHappened = ["A few sentences of an account, about as long as a short report usually is."], When = "Last Tuesday" },
        };
    }
}
