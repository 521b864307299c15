using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs.Models;
using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Tags the cases written before the index existed, once, before the bot takes its first
/// message (so that no list misses them). It is the only code that lists the container: it visits only
/// cases without the current <see cref="CaseIndexTags.Version"/> tag, so a pass that was interrupted
/// carries on where it stopped, and when it is done a marker blob makes later start-ups skip it.</summary>
public sealed partial class CaseIndexMigration(BlobContainers containers, CaseIndexKey key, ILogger<CaseIndexMigration> logger) : IHostedService
{
    internal const string DoneMarker = "_index/tags-v" + CaseIndexTags.CurrentVersion + ".done";
    private const int PageSize = 5000;
    private const int Parallelism = 16;

    public async Task StartAsync(CancellationToken cancellationToken)
        => await RunAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Runs the pass; returns how many cases this run tagged.</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken) => RunAsync(PageSize, afterPage: null, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs the pass in pages of <paramref name="pageSize"/>; <paramref name="afterPage"/> is told the
    /// running count after each page.</summary>
    internal async Task<int> RunAsync(int pageSize, Action<int>? afterPage, CancellationToken cancellationToken)
    {
        var marker = containers.Cases.GetBlobClient(DoneMarker);
        if (await marker.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var started = Stopwatch.GetTimestamp();
        var tagged = 0;
        var cases = 0;
        var listing = containers.Cases.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Tags, Prefix = "IR-" }, cancellationToken);
        await foreach (var page in listing.AsPages(pageSizeHint: pageSize).ConfigureAwait(false))
        {
            var untagged = page.Values
                .Where(b => b.Name.EndsWith(BlobCaseStore.CaseFileSuffix, StringComparison.Ordinal)
                    && !(b.Tags?.TryGetValue(CaseIndexTags.Version, out var version) == true && version == CaseIndexTags.CurrentVersion))
                .Select(b => b.Name);
            cases += page.Values.Count(b => b.Name.EndsWith(BlobCaseStore.CaseFileSuffix, StringComparison.Ordinal));
            await Parallel.ForEachAsync(untagged, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (name, token) =>
            {
                if (await TagAsync(name, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref tagged);
                }
            }).ConfigureAwait(false);
            afterPage?.Invoke(tagged);
        }

        // An empty container costs nothing to list again, and a store nobody has used keeps no blob of ours.
        if (cases > 0)
        {
            await marker.UploadAsync(BinaryData.FromString("done"), overwrite: true, cancellationToken).ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        LogDone(tagged, elapsed.TotalSeconds);
        return tagged;
    }

    /// <summary>Writes the case back unchanged with its tags, under the ETag it was read with. False when
    /// it changed or went in the meantime: whatever changed it wrote the tags.</summary>
    private async Task<bool> TagAsync(string name, CancellationToken cancellationToken)
    {
        var blob = containers.Cases.GetBlobClient(name);
        try
        {
            var download = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            var record = download.Content.ToObjectFromJson<CaseRecord>(BlobCaseStore.Json)!;
            await blob.UploadAsync(download.Content, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfMatch = download.Details.ETag },
                Metadata = BlobCaseStore.ClassificationMetadata,
                Tags = CaseIndexTags.For(record, key),
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case index: tagged {Count} cases written before the index, in {Seconds:F1} s.")]
    private partial void LogDone(int count, double seconds);
}
