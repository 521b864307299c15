using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using IntakeBot.Sharing;
using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Each case is a folder in the cases container: <c>case.json</c>, an append-blob transcript,
/// and later evidence and audit. Every blob carries the classification in its metadata.</summary>
public sealed class BlobCaseStore(BlobContainers containers) : ICaseStore
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const int UpdateAttempts = 8;
    private const int LastWrittenLimit = 4096;
    private const string ReporterKey = "reporter";
    private const string OwnerKey = "owner";

    private static readonly Dictionary<string, string> ClassificationMetadata = new() { ["classification"] = Classification.HighlyConfidential };

    /// <summary>The last version of each case this process wrote, with its ETag, bounded in size.</summary>
    private readonly ConcurrentDictionary<string, (BinaryData Json, ETag ETag)> _lastWritten = new(StringComparer.Ordinal);

    private BlobContainerClient Container => containers.Cases;

    public async Task<bool> TryCreateAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await UploadRecordAsync(record, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<CaseRecord?> UpdateAsync(string reference, Func<CaseRecord, CaseRecord> change, CancellationToken cancellationToken)
    {
        // The copy this process wrote last saves a read; its ETag makes sure it is still the newest,
        // and when another process (or turn) changed the case since, the write is refused and the
        // case is read again.
        var known = _lastWritten.TryGetValue(reference, out var last) ? (Record: last.Json.ToObjectFromJson<CaseRecord>(Json)!, last.ETag) : ((CaseRecord Record, ETag ETag)?)null;
        for (var attempt = 0; ; attempt++)
        {
            var read = known ?? await ReadAsync(reference, cancellationToken).ConfigureAwait(false);
            known = null;
            if (read is null)
            {
                return null;
            }

            var changed = change(read.Value.Record);
            try
            {
                await UploadRecordAsync(changed, new BlobRequestConditions { IfMatch = read.Value.ETag }, cancellationToken).ConfigureAwait(false);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < UpdateAttempts)
            {
                // Someone else changed the case since it was read: apply the change to theirs.
                _lastWritten.TryRemove(reference, out _);
            }
        }
    }

    public async Task<CaseRecord?> GetAsync(string reference, CancellationToken cancellationToken)
        => (await ReadAsync(reference, cancellationToken).ConfigureAwait(false))?.Record;

    public async Task<IReadOnlyList<CaseRecord>> ListAsync(CaseFilter filter, CancellationToken cancellationToken)
    {
        var (key, value) = filter switch
        {
            { ReporterAadObjectId: { } reporter } => (ReporterKey, Hash(reporter)),
            { Owner: { } owner } => (OwnerKey, Hash(owner)),
            _ => throw new ArgumentException("Say whose cases to list.", nameof(filter)),
        };

        // Metadata holds hashes, never ids, so a listing of the container names nobody.
        var cases = new List<CaseRecord>();
        await foreach (var item in Container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = "IR-" }, cancellationToken).ConfigureAwait(false))
        {
            if (item.Name.EndsWith("/case.json", StringComparison.Ordinal)
                && item.Metadata.TryGetValue(key, out var stored) && stored == value
                && await GetAsync(item.Name[..^"/case.json".Length], cancellationToken).ConfigureAwait(false) is { } record)
            {
                cases.Add(record);
            }
        }

        return cases;
    }

    public async Task AppendTranscriptAsync(string reference, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var blob = Container.GetAppendBlobClient(Name(reference, "transcript.jsonl"));

        // One append per turn keeps a turn's lines together and in order.
        var lines = new StringBuilder();
        foreach (var entry in entries)
        {
            lines.Append(JsonSerializer.Serialize(entry, Json)).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(lines.ToString());
        try
        {
            await AppendAsync(blob, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The first turn of a case: the transcript does not exist yet. Creating it only then saves
            // a storage call on every other turn.
            await blob.CreateIfNotExistsAsync(new AppendBlobCreateOptions
            {
                Metadata = ClassificationMetadata,
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
            }, cancellationToken).ConfigureAwait(false);
            await AppendAsync(blob, bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task AppendAsync(AppendBlobClient blob, byte[] bytes, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(bytes);
        await blob.AppendBlockAsync(content, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<TranscriptEntry>> ReadTranscriptAsync(string reference, CancellationToken cancellationToken)
        => ReadLinesAsync<TranscriptEntry>(reference, "transcript.jsonl", cancellationToken);

    public async Task AppendAuditAsync(string reference, AuditEntry entry, CancellationToken cancellationToken)
    {
        var blob = Container.GetAppendBlobClient(Name(reference, "audit.jsonl"));
        await blob.CreateIfNotExistsAsync(new AppendBlobCreateOptions
        {
            Metadata = ClassificationMetadata,
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
        }, cancellationToken).ConfigureAwait(false);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        for (var attempt = 0; ; attempt++)
        {
            var length = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ContentLength;
            try
            {
                using var content = new MemoryStream(line);
                await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = length } }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < UpdateAttempts * 4)
            {
                // Another entry went in first; append after it.
            }
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string reference, CancellationToken cancellationToken)
        => ReadLinesAsync<AuditEntry>(reference, "audit.jsonl", cancellationToken);

    public async Task DeleteAsync(string reference, CancellationToken cancellationToken)
    {
        _lastWritten.TryRemove(reference, out _);
        var prefix = Name(reference, string.Empty);
        await foreach (var item in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            await Container.DeleteBlobIfExistsAsync(item.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<T>> ReadLinesAsync<T>(string reference, string file, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Blob(reference, file).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return [.. download.Value.Content.ToString()
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonSerializer.Deserialize<T>(line, Json)!)];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    private async Task<(CaseRecord Record, ETag ETag)?> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Blob(reference, "case.json").DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (download.Value.Content.ToObjectFromJson<CaseRecord>(Json)!, download.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task UploadRecordAsync(CaseRecord record, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>(ClassificationMetadata) { [OwnerKey] = Hash(record.Owner) };
        if (record.Reporter is { } reporter)
        {
            metadata[ReporterKey] = Hash(reporter.AadObjectId);
        }

        var options = new BlobUploadOptions
        {
            Conditions = conditions,
            Metadata = metadata,
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        };
        var json = BinaryData.FromObjectAsJson(record, Json);
        var written = await Blob(record.Reference, "case.json").UploadAsync(json, options, cancellationToken).ConfigureAwait(false);
        if (_lastWritten.Count >= LastWrittenLimit)
        {
            _lastWritten.Clear();
        }

        _lastWritten[record.Reference] = (json, written.Value.ETag);
    }

    private static string Hash(string id)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id.Trim().ToLowerInvariant())));

    private BlobClient Blob(string reference, string file) => Container.GetBlobClient(Name(reference, file));

    private static string Name(string reference, string file)
        => CaseReference.IsValid(reference)
            ? $"{reference}/{file}"
            : throw new ArgumentException("Not a case reference.", nameof(reference));
}
