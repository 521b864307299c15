using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntakeBot.Storage;
using Microsoft.Extensions.Options;

namespace IntakeBot.Cases;

/// <summary>Tags the cases written before the index existed, in the background: the bot takes messages
/// (and reports ready) while it runs. One instance runs it at a time, holding a lease on a lock blob in the
/// cases container; the others look again every <see cref="CaseIndexOptions.LeaseRetrySeconds"/> and carry
/// on if the holder stopped. It is the only code that lists the container: it visits only cases without
/// the current <see cref="CaseIndexTags.Version"/> tag, so a pass that was interrupted carries on where it
/// stopped, and when it is done a marker blob makes later start-ups skip it.</summary>
/// <remarks>A case is tagged with Set Blob Tags, not by writing it again, so the pass moves no ETag and
/// creates no blob version (unless it has old metadata to remove). Set Blob Tags can be conditioned on tags only, so the pass first marks the
/// case as being tagged (<c>idx=0</c>), then reads it, then sets its tags only if that mark is still there:
/// any write by the bot in between sets <c>idx</c> with tags of its own, which the pass then leaves alone. An
/// open case submitted before follow-up deadlines existed is written once instead, with the deadlines it
/// would have had (<see cref="CaseDeadlines.Backfill"/>).</remarks>
public sealed partial class CaseIndexMigration(
    BlobContainers containers,
    CaseIndexKey key,
    IOptions<CaseIndexOptions> options,
    TimeProvider time,
    ILogger<CaseIndexMigration> logger,
    RetentionPeriods? retention = null,
    ICaseStore? store = null,
    IDeadlineSchedule? deadlines = null) : BackgroundService
{
    internal const string DoneMarker = "_index/tags-v" + CaseIndexTags.CurrentVersion + ".done";
    internal const string LockBlob = "_index/tags-v" + CaseIndexTags.CurrentVersion + ".lock";
    private const string BeingTagged = "0";
    private const int PageSize = 5000;
    private const string Done = "done";
    private const string Empty = "empty";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start-up goes on at once; the pass runs beside the bot.
        await Task.Yield();
        var retry = TimeSpan.FromSeconds(options.Value.LeaseRetrySeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunAsync(stoppingToken).ConfigureAwait(false) is not null)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e.GetType().Name, retry.TotalSeconds);
            }

            try
            {
                await Task.Delay(retry, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs the pass if no other instance is running it; returns how many cases this run tagged
    /// (0 when the pass was done already), or null when another instance holds the lease.</summary>
    public Task<int?> RunAsync(CancellationToken cancellationToken) => RunAsync(PageSize, afterPage: null, cancellationToken);

    /// <summary>Runs the pass in pages of <paramref name="pageSize"/>; <paramref name="afterPage"/> is told the
    /// running count after each page.</summary>
    internal async Task<int?> RunAsync(int pageSize, Action<int>? afterPage, CancellationToken cancellationToken)
    {
        var marker = containers.Cases.GetBlobClient(DoneMarker);
        if (await IsDoneAsync(marker, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        int? tagged = null;
        var held = await new LockBlobLease(containers.Cases, LockBlob, time).TryRunAsync(
            async running =>
            {
                // Another instance may have finished between the first look and the lease.
                if (await IsDoneAsync(marker, running).ConfigureAwait(false))
                {
                    tagged = 0;
                    return;
                }

                var (count, cases) = await TagAllAsync(pageSize, afterPage, running).ConfigureAwait(false);

                // An empty store is marked too, so that owners' lists rebuilt from the index are trusted in a new
                // store (BlobCaseStore), but as empty: the next start-up passes again, in case an instance of an
                // earlier version wrote cases meanwhile (an empty container costs nothing to list).
                await marker.UploadAsync(BinaryData.FromString(cases > 0 ? Done : Empty), overwrite: true, running).ConfigureAwait(false);
                tagged = count;
            },
            cancellationToken).ConfigureAwait(false);
        return held ? tagged : null;
    }

    /// <summary>True when a pass found cases and tagged them all; false when none has, or the last found the store empty.</summary>
    private static async Task<bool> IsDoneAsync(BlobClient marker, CancellationToken cancellationToken)
    {
        try
        {
            return (await marker.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString() != Empty;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private async Task<(int Tagged, int Cases)> TagAllAsync(int pageSize, Action<int>? afterPage, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var tagged = 0;
        var cases = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.TaggingParallelism, CancellationToken = cancellationToken };
        var listing = containers.Cases.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Tags | BlobTraits.Metadata, Prefix = "IR-" }, cancellationToken);
        await foreach (var page in listing.AsPages(pageSizeHint: pageSize).ConfigureAwait(false))
        {
            var caseFiles = page.Values.Where(b => b.Name.EndsWith(BlobCaseStore.CaseFileSuffix, StringComparison.Ordinal)).ToList();
            cases += caseFiles.Count;
            var untagged = caseFiles
                .Where(b => !(b.Tags?.TryGetValue(CaseIndexTags.Version, out var version) == true && version == CaseIndexTags.CurrentVersion))
                .Select(b => (b.Name, OldMetadata: b.Metadata?.Keys.Any(k => !BlobCaseStore.ClassificationMetadata.ContainsKey(k)) == true, b.Tags));
            await Parallel.ForEachAsync(untagged, parallel, async (blob, token) =>
            {
                if (await TagAsync(blob.Name, blob.OldMetadata, blob.Tags, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref tagged);
                }
            }).ConfigureAwait(false);
            afterPage?.Invoke(tagged);
        }

        // A case the listing passed can still carry the mark alone: an instance that lost the lease without
        // knowing it yet may have marked it after this one tagged it. Left so, it would be in no list, and
        // once the done marker is written no pass would come back to it. One query finds them.
        var marked = new List<string>();
        await foreach (var found in containers.Cases.FindBlobsByTagsAsync($"\"{CaseIndexTags.Version}\" = '{BeingTagged}'", cancellationToken).ConfigureAwait(false))
        {
            marked.Add(found.BlobName);
        }

        await Parallel.ForEachAsync(marked, parallel, async (name, token) =>
        {
            if (await TagAsync(name, oldMetadata: false, listedTags: null, token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref tagged);
            }
        }).ConfigureAwait(false);

        LogDone(tagged, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return (tagged, cases);
    }

    /// <summary>Tags one case from its stored record. False when it went, or when the bot wrote it (and its
    /// tags) while it was being read. Metadata from before the index (unkeyed hashes of the owner's and the
    /// reporter's ids, which could be matched against a directory) is replaced by the classification alone.</summary>
    private async Task<bool> TagAsync(string name, bool oldMetadata, IDictionary<string, string>? listedTags, CancellationToken cancellationToken)
    {
        var blob = containers.Cases.GetBlobClient(name);
        var markedOnly = new BlobRequestConditions { TagConditions = $"\"{CaseIndexTags.Version}\" = '{BeingTagged}'" };
        try
        {
            await blob.SetTagsAsync(new Dictionary<string, string> { [CaseIndexTags.Version] = BeingTagged }, cancellationToken: cancellationToken).ConfigureAwait(false);
            var download = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            // The tags come from the case's facts, never from what anyone wrote: long texts are not read.
            var record = CaseTexts.FactsOnly(download.Content);
            if (record.Status == CaseStatus.Unknown || record.Kind == CaseKind.Unknown)
            {
                // Written by a newer version, which tags its cases itself: its tags go back as they were,
                // and the pass goes on with every other case.
                await blob.SetTagsAsync(listedTags ?? new Dictionary<string, string>(), markedOnly, cancellationToken).ConfigureAwait(false);
                LogNewer(record.Reference);
                return false;
            }

            if (store is not null && deadlines is not null && CaseDeadlines.Backfill(record, deadlines.For) != record)
            {
                // Written through the store (ETag-guarded, tags set with the record), so that its reminders
                // are found by their tag like any other case's.
                return await store.UpdateAsync(record.Reference, r => CaseDeadlines.Backfill(r, deadlines.For), cancellationToken).ConfigureAwait(false) is not null;
            }

            if (oldMetadata)
            {
                await blob.SetMetadataAsync(BlobCaseStore.ClassificationMetadata, new BlobRequestConditions { IfMatch = download.Details.ETag }, cancellationToken).ConfigureAwait(false);
            }

            await blob.SetTagsAsync(CaseIndexTags.For(record, key, retention?.ClosedCase), markedOnly, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case index: tagged {Count} cases written before the index, in {Seconds:F1} s.")]
    private partial void LogDone(int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case index: case {CaseReference} has a status or kind from a newer version; the pass leaves it to that version.")]
    private partial void LogNewer(string caseReference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case index: the tagging pass failed ({ExceptionType}); it carries on in {Seconds} s.")]
    private partial void LogFailed(string exceptionType, double seconds);
}
