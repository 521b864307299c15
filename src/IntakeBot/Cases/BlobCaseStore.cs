using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Each case is a folder in the cases container: <c>case.json</c>, an append-blob transcript,
/// and later evidence and audit, and any text too long to keep in <c>case.json</c> (<see cref="CaseTexts"/>).
/// Every blob carries the classification in its metadata.</summary>
/// <summary>Each <c>case.json</c> also carries blob index tags (<see cref="CaseIndexTags"/>), written in the
/// same request as its content, which the lists and background passes query instead of reading every case.
/// Without <paramref name="indexKey"/> (tests and tools) the development key is used. Every write also keeps
/// the owners' lists (<see cref="OwnerLists"/>) that an owner's cases are listed from.</summary>
public sealed class BlobCaseStore(BlobContainers containers, CaseIndexKey? indexKey = null, RetentionPeriods? retention = null, TimeProvider? clock = null) : ICaseStore
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const int UpdateAttempts = 8;
    private const int LastWrittenLimit = 4096;
    private const int ParallelReads = 8;
    internal const string CaseFileSuffix = "/case.json";

    internal static readonly Dictionary<string, string> ClassificationMetadata = new() { ["classification"] = Classification.HighlyConfidential };

    private readonly CaseIndexKey _index = indexKey ?? CaseIndexKey.Development;

    private readonly CaseTexts _texts = new(containers.Cases);

    private readonly OwnerLists _owners = new(containers.Cases, indexKey ?? CaseIndexKey.Development, clock ?? TimeProvider.System);

    /// <summary>The last version of each case this process wrote, with its ETag, bounded in size.</summary>
    private readonly ConcurrentDictionary<string, (BinaryData Json, ETag ETag)> _lastWritten = new(StringComparer.Ordinal);

    private BlobContainerClient Container => containers.Cases;

    public async Task<bool> TryCreateAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await UploadRecordAsync(record, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Most often a retry of this very create, whose first attempt may have stopped before the list.
            await ListedAsync(record.Owner, record.Reference, cancellationToken).ConfigureAwait(false);
            return false;
        }

        await ListedAsync(record.Owner, record.Reference, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<CaseRecord?> UpdateAsync(string reference, Func<CaseRecord, CaseRecord> change, CancellationToken cancellationToken)
    {
        // The copy this process wrote last saves a read; its ETag makes sure it is still the newest,
        // and when another process (or turn) changed the case since, the write is refused and the
        // case is read again.
        var known = _lastWritten.TryGetValue(reference, out var last) ? (Record: last.Json.ToObjectFromJson<CaseRecord>(Json)!, last.ETag) : ((CaseRecord Record, ETag ETag)?)null;
        for (var attempt = 0; ; attempt++)
        {
            var cached = known is not null;
            var read = known ?? await ReadAsync(reference, cancellationToken).ConfigureAwait(false);
            known = null;
            if (read is null)
            {
                return null;
            }

            var changed = change(read.Value.Record);
            if (ReferenceEquals(changed, read.Value.Record))
            {
                // Nothing to write. A copy this process wrote may be older than the stored case, so
                // that "nothing" is only trusted from the stored one.
                if (!cached)
                {
                    // A change applied again (a retried turn or request) mends the list its first write may have left.
                    await ListedAsync(changed.Owner, reference, cancellationToken).ConfigureAwait(false);
                    return changed;
                }

                continue;
            }

            try
            {
                await UploadRecordAsync(changed, new BlobRequestConditions { IfMatch = read.Value.ETag }, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < UpdateAttempts)
            {
                // Someone else changed the case since it was read: apply the change to theirs.
                _lastWritten.TryRemove(reference, out _);
                continue;
            }

            // A transfer takes the case off the old owner's list at once.
            if (CaseIndexKey.Normalize(read.Value.Record.Owner) != CaseIndexKey.Normalize(changed.Owner))
            {
                await ListedAsync(read.Value.Record.Owner, reference, cancellationToken).ConfigureAwait(false);
            }

            await ListedAsync(changed.Owner, reference, cancellationToken).ConfigureAwait(false);
            return changed;
        }
    }

    public async Task<CaseRecord?> GetAsync(string reference, CancellationToken cancellationToken)
        => (await ReadAsync(reference, cancellationToken).ConfigureAwait(false))?.Record;

    public async Task<CaseSummary?> GetSummaryAsync(string reference, CancellationToken cancellationToken)
        => await ReadFactsAsync(reference, cancellationToken).ConfigureAwait(false) is { } record ? CaseSummary.Of(record) : null;

    public async Task<IReadOnlyList<CaseSummary>> ListAsync(CaseFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.ReporterAadObjectId is not { } reporter)
        {
            return filter.Owner is { } owner
                ? await ListOwnedAsync(owner, filter.Recent ?? [], cancellationToken).ConfigureAwait(false)
                : throw new ArgumentException("Say whose cases to list.", nameof(filter));
        }

        // The index finds the person's cases without reading anyone else's; each case.json is then read
        // (its status is always the stored one) and checked again, because the index may lag a change;
        // the caller's recent references join them, since the index may not have a new case yet.
        var key = _index.Of(reporter);
        var references = await FindReferencesAsync($"\"{CaseIndexTags.Reporter}\" = '{key}'", cancellationToken).ConfigureAwait(false);
        if (filter.Recent is { Count: > 0 } recent)
        {
            references = [.. references.Union(recent.Where(CaseReference.IsValid), StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        var records = await ReadAllFactsAsync(references, cancellationToken).ConfigureAwait(false);
        var person = CaseIndexKey.Normalize(reporter);
        return [.. records
            .Where(r => r.SealedReporter is { } sealedReporter ? sealedReporter.ReporterKey == key : r.Reporter is { } known && CaseIndexKey.Normalize(known.AadObjectId) == person)
            .Select(CaseSummary.Of)];
    }

    /// <summary>The owner's list as kept (<see cref="OwnerLists"/>): one blob read. A list never checked, or
    /// not for a while, is rebuilt first from the index, the list itself (which the index may lag behind)
    /// and each of those cases as stored. The caller's recent references, and any entry this version
    /// cannot read in full (<see cref="OwnedCase.FromAnotherVersion"/>), are read and checked either way.</summary>
    private async Task<IReadOnlyList<CaseSummary>> ListOwnedAsync(string owner, IReadOnlyList<string> recent, CancellationToken cancellationToken)
    {
        var stored = await _owners.ReadAsync(owner, cancellationToken).ConfigureAwait(false);
        var cases = (stored is { } kept && _owners.IsCurrent(kept.List) ? kept.List.Cases : await RebuildListAsync(owner, stored, cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Reference, StringComparer.Ordinal);
        var added = recent.Where(r => CaseReference.IsValid(r))
            .Concat(cases.Values.Where(c => c.FromAnotherVersion).Select(c => c.Reference))
            .Distinct(StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            var records = (await ReadAllFactsAsync(added, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Reference, StringComparer.Ordinal);
            foreach (var reference in added)
            {
                if (records.TryGetValue(reference, out var record) && Owns(owner, record))
                {
                    cases[reference] = OwnedCase.Of(CaseSummary.Of(record));
                }
                else
                {
                    cases.Remove(reference);
                }
            }
        }

        return [.. cases.Values.OrderBy(c => c.Reference, StringComparer.Ordinal).Select(c => c.For(owner))];
    }

    private async Task<List<OwnedCase>> RebuildListAsync(string owner, (OwnerList List, ETag ETag)? stored, CancellationToken cancellationToken)
    {
        // Until the tagging pass has tagged every older case (or found the store empty), the index may miss
        // some: such a list is kept but not trusted, so that the next read asks the index again. Looked at before the query, so
        // that a pass ending during this rebuild does not vouch for what the query found before it.
        var indexed = await Container.GetBlobClient(CaseIndexMigration.DoneMarker).ExistsAsync(cancellationToken).ConfigureAwait(false);
        var references = await FindReferencesAsync($"\"{CaseIndexTags.Owner}\" = '{_index.Of(owner)}'", cancellationToken).ConfigureAwait(false);
        if (stored is { } kept)
        {
            references = [.. references.Union(kept.List.Cases.Select(c => c.Reference), StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        var owned = (await ReadAllFactsAsync(references, cancellationToken).ConfigureAwait(false)).Where(r => Owns(owner, r)).Select(r => OwnedCase.Of(CaseSummary.Of(r))).ToList();

        if (owned.Count > 0 || stored is not null)
        {
            await _owners.TryReplaceAsync(owner, stored?.ETag, owned, indexed.Value, cancellationToken).ConfigureAwait(false);
        }

        return owned;
    }

    private static bool Owns(string owner, CaseRecord record) => CaseIndexKey.Normalize(record.Owner) == CaseIndexKey.Normalize(owner);

    /// <summary>Brings <paramref name="owner"/>'s list in line with the case as stored; a case nobody owns yet is on no list.</summary>
    private Task ListedAsync(string owner, string reference, CancellationToken cancellationToken)
        => string.IsNullOrWhiteSpace(owner) ? Task.CompletedTask : _owners.SyncAsync(owner, reference, token => ReadFactsAsync(reference, token), cancellationToken);

    public async IAsyncEnumerable<CaseSummary> FindAsync(CaseStatus status, string dateTag, DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!CaseIndexTags.IsValidValue(dateTag) || dateTag.Length == 0)
        {
            throw new ArgumentException("Not a date tag an index query can name.", nameof(dateTag));
        }

        var bound = CaseIndexTags.Sortable(before);
        var statusTag = status.ToStoredName();
        var references = await FindReferencesAsync($"\"{CaseIndexTags.Status}\" = '{statusTag}' AND \"{dateTag}\" < '{bound}'", cancellationToken).ConfigureAwait(false);
        foreach (var chunk in references.Chunk(ParallelReads * 4))
        {
            foreach (var record in await ReadAllFactsAsync(chunk, cancellationToken).ConfigureAwait(false))
            {
                // Checked against the record as stored now, with the same function that wrote the tags.
                var tags = CaseIndexTags.For(record, _index, retention?.ClosedCase);
                if (tags[CaseIndexTags.Status] == statusTag && tags.TryGetValue(dateTag, out var due) && string.CompareOrdinal(due, bound) < 0)
                {
                    yield return CaseSummary.Of(record);
                }
            }
        }
    }

    private async Task<List<string>> FindReferencesAsync(string query, CancellationToken cancellationToken)
    {
        var references = new List<string>();
        await foreach (var item in Container.FindBlobsByTagsAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (item.BlobName.EndsWith(CaseFileSuffix, StringComparison.Ordinal) && item.BlobName[..^CaseFileSuffix.Length] is var reference && CaseReference.IsValid(reference))
            {
                references.Add(reference);
            }
        }

        references.Sort(StringComparer.Ordinal);
        return references;
    }

    /// <summary>Reads the <c>case.json</c> of cases a few at a time, in the order given, leaving out any
    /// deleted since. Only <c>case.json</c>: the long texts stay in their blobs and are left empty here,
    /// so these records are for <see cref="CaseSummary.Of"/> and the index check, never shown or written.</summary>
    private async Task<IEnumerable<CaseRecord>> ReadAllFactsAsync(IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        var records = new CaseRecord?[references.Count];
        await Parallel.ForAsync(0, references.Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (i, token) =>
            records[i] = await ReadFactsAsync(references[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return records.OfType<CaseRecord>();
    }

    private async Task<CaseRecord?> ReadFactsAsync(string reference, CancellationToken cancellationToken)
        => await DownloadCaseFileAsync(reference, cancellationToken).ConfigureAwait(false) is { } download ? CaseTexts.FactsOnly(download.Content) : null;

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

    public async Task<long> TranscriptLengthAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            return (await Container.GetAppendBlobClient(Name(reference, "transcript.jsonl")).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ContentLength;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }

    public async Task<bool> AppendTranscriptOnceAsync(string reference, IReadOnlyList<TranscriptEntry> entries, long from, Func<IReadOnlyList<TranscriptEntry>, bool> written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(written);
        if (entries.Count == 0)
        {
            return false;
        }

        var blob = Container.GetAppendBlobClient(Name(reference, "transcript.jsonl"));
        var bytes = Encoding.UTF8.GetBytes(string.Concat(entries.Select(e => JsonSerializer.Serialize(e, Json) + "\n")));
        for (var attempt = 0; ; attempt++)
        {
            var length = await TranscriptLengthAsync(reference, cancellationToken).ConfigureAwait(false);
            if (length > from && written(await ReadTranscriptRangeAsync(blob, from, length - from, cancellationToken).ConfigureAwait(false)))
            {
                return false;
            }

            try
            {
                if (length == 0)
                {
                    await blob.CreateIfNotExistsAsync(new AppendBlobCreateOptions
                    {
                        Metadata = ClassificationMetadata,
                        HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
                    }, cancellationToken).ConfigureAwait(false);
                }

                using var content = new MemoryStream(bytes);
                await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = length } }, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < UpdateAttempts * 4)
            {
                // Something was appended since the check (perhaps these lines, by another writer): check again.
            }
        }
    }

    private static async Task<IReadOnlyList<TranscriptEntry>> ReadTranscriptRangeAsync(AppendBlobClient blob, long offset, long length, CancellationToken cancellationToken)
    {
        var download = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(offset, length) }, cancellationToken).ConfigureAwait(false);
        return [.. download.Value.Content.ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<TranscriptEntry>(line, Json)!)];
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

    public async Task AppendAuditOnceAsync(string reference, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var blob = Container.GetAppendBlobClient(Name(reference, "audit.jsonl"));
        for (var attempt = 0; ; attempt++)
        {
            var (stored, length) = await ReadAuditEndAsync(blob, cancellationToken).ConfigureAwait(false);
            var missing = entries.Where(e => !stored.Contains(e)).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            try
            {
                if (length < 0)
                {
                    await blob.CreateIfNotExistsAsync(new AppendBlobCreateOptions
                    {
                        Metadata = ClassificationMetadata,
                        HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
                    }, cancellationToken).ConfigureAwait(false);
                }

                using var content = new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(missing.Select(e => JsonSerializer.Serialize(e, Json) + "\n"))));
                await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = Math.Max(0, length) } }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < UpdateAttempts * 4)
            {
                // Something was appended since the check (perhaps these entries, by another writer): check again.
            }
        }
    }

    /// <summary>The audit log's entries and its length in bytes (where the next append goes); -1 while it does not exist.</summary>
    private static async Task<(IReadOnlyList<AuditEntry> Entries, long Length)> ReadAuditEndAsync(AppendBlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
            return ([.. content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<AuditEntry>(line, Json)!)], content.ToMemory().Length);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return ([], -1);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string reference, CancellationToken cancellationToken)
        => ReadLinesAsync<AuditEntry>(reference, "audit.jsonl", cancellationToken);

    public async Task SetEvidenceAddedByAsync(string blobName, string addedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !CaseReference.IsValid(blobName[..slash]) || !blobName.AsSpan(slash).StartsWith("/evidence/", StringComparison.Ordinal))
        {
            throw new ArgumentException("Not an evidence blob of a case.", nameof(blobName));
        }

        var blob = Container.GetBlobClient(blobName);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var metadata = new Dictionary<string, string>(properties.Value.Metadata, StringComparer.OrdinalIgnoreCase) { ["addedby"] = Uri.EscapeDataString(addedBy) };
            await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = properties.Value.ETag }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone with its case, or written again by a retry of its turn: that retry's item is relabelled in turn.
        }
    }

    public async Task DeleteAsync(string reference, CancellationToken cancellationToken)
    {
        var owner = (await ReadFactsAsync(reference, cancellationToken).ConfigureAwait(false))?.Owner;
        _lastWritten.TryRemove(reference, out _);
        _texts.Forget(reference);
        var prefix = Name(reference, string.Empty);
        await foreach (var item in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            await Container.DeleteBlobIfExistsAsync(item.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (owner is not null)
        {
            await ListedAsync(owner, reference, cancellationToken).ConfigureAwait(false);
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
        => await DownloadCaseFileAsync(reference, cancellationToken).ConfigureAwait(false) is { } download
            ? (await _texts.InlineAsync(reference, download.Content, cancellationToken).ConfigureAwait(false), download.Details.ETag)
            : null;

    /// <summary>The case's <c>case.json</c> as stored, or null when the case does not exist (any more).</summary>
    private async Task<BlobDownloadResult?> DownloadCaseFileAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            return (await Blob(reference, "case.json").DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task UploadRecordAsync(CaseRecord record, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        // The tags go in the same request as the content, so the index never describes another version.
        var options = new BlobUploadOptions
        {
            Conditions = conditions,
            Metadata = ClassificationMetadata,
            Tags = CaseIndexTags.For(record, _index, retention?.ClosedCase),
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        };
        // The cache keeps the whole record; case.json keeps the long texts as references to their blobs.
        var json = BinaryData.FromObjectAsJson(record, Json);
        var stored = await _texts.OutlineAsync(record.Reference, json, cancellationToken).ConfigureAwait(false);
        var written = await Blob(record.Reference, "case.json").UploadAsync(stored, options, cancellationToken).ConfigureAwait(false);
        if (_lastWritten.Count >= LastWrittenLimit)
        {
            _lastWritten.Clear();
        }

        _lastWritten[record.Reference] = (json, written.Value.ETag);
    }

    private BlobClient Blob(string reference, string file) => Container.GetBlobClient(Name(reference, file));

    private static string Name(string reference, string file)
        => CaseReference.IsValid(reference)
            ? $"{reference}/{file}"
            : throw new ArgumentException("Not a case reference.", nameof(reference));
}
