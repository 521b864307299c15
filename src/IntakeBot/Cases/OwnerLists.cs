using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Each owner's list of cases, one blob per owner (<c>_index/owners/&lt;keyed hash&gt;.json</c>) kept
/// by every write of a case (<see cref="BlobCaseStore"/>), so that <c>cases</c> and the workspace's list
/// read one blob instead of querying the tag index and reading every case. A blob write is consistent at
/// once, unlike the tag index, so a transferred case leaves the old owner's list with the write that
/// moved it.
///
/// A list is changed only as <see cref="SyncAsync"/> does it: the list is read first, then the case as
/// stored, and the list written back under the ETag read, so that of two writers the later case always
/// wins whatever order they finish in. A process that stops between writing a case and its lists leaves
/// a list behind; the next write of the case (a retry applying the same change included) mends it, and
/// a list is rebuilt from the tag index and the cases themselves when it has not been checked for
/// <see cref="CheckEvery"/> (<see cref="OwnerList.CheckedAt"/>).</summary>
internal sealed class OwnerLists(BlobContainerClient container, CaseIndexKey key, TimeProvider clock)
{
    internal const string Folder = "_index/owners/";

    /// <summary>How long a list is trusted before the next read rebuilds it from the tag index and the
    /// cases: the longest a list can be wrong after a process stopped half-way through a write.</summary>
    internal static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(10);

    private const int Attempts = 32;

    /// <summary>The cases' JSON, except that a value another version wrote is kept as <c>unknown</c>
    /// (<see cref="StoredEnumJsonConverter{TEnum}"/>) rather than stop the write of the whole list; an entry
    /// read as unknown is read again from its case whenever the list is shown (<see cref="OwnedCase.FromAnotherVersion"/>).</summary>
    private static readonly JsonSerializerOptions Json = new(BlobCaseStore.Json)
    {
        Converters =
        {
            new StoredEnumJsonConverter<CaseStatus>(unknownWritable: true),
            new StoredEnumJsonConverter<CaseKind>(unknownWritable: true),
            new StoredEnumJsonConverter<DeadlineKind>(unknownWritable: true),
        },
    };

    /// <summary>Syncs of one owner's list in this process go one at a time (striped by the list's name), so
    /// that they do not fail each other's conditional writes; other processes' are met by the retry.</summary>
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>The list of <paramref name="owner"/> as stored, with its ETag; null when there is none.</summary>
    public async Task<(OwnerList List, ETag ETag)?> ReadAsync(string owner, CancellationToken cancellationToken)
    {
        try
        {
            var download = (await Blob(owner).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            return (download.Content.ToObjectFromJson<OwnerList>(Json)!, download.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="list"/> may be served as it is; false when it was never checked
    /// against the index or not for <see cref="CheckEvery"/>.</summary>
    public bool IsCurrent(OwnerList list) => list.CheckedAt is { } at && clock.GetUtcNow() - at < CheckEvery;

    /// <summary>Writes <paramref name="cases"/> as <paramref name="owner"/>'s list (checked now when
    /// <paramref name="checkedNow"/>), unless the list changed since <paramref name="read"/> (or, with none,
    /// was created since): then false, and the newer list stays.</summary>
    public async Task<bool> TryReplaceAsync(string owner, ETag? read, IEnumerable<OwnedCase> cases, bool checkedNow, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(owner, new OwnerList(checkedNow ? clock.GetUtcNow() : null, [.. cases.OrderBy(c => c.Reference, StringComparer.Ordinal)]), read, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Brings the case <paramref name="reference"/> in <paramref name="owner"/>'s list in line with
    /// the case as <paramref name="readFacts"/> reads it now: listed when the case is theirs, gone when it
    /// is not (transferred or deleted). Idempotent; nothing is written when the list already agrees.</summary>
    public async Task SyncAsync(string owner, string reference, Func<CancellationToken, Task<CaseRecord?>> readFacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readFacts);
        var gate = _gates[Convert.ToInt32(key.Of(owner)[..2], 16) % _gates.Length];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SyncOnceAsync(owner, reference, readFacts, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task SyncOnceAsync(string owner, string reference, Func<CancellationToken, Task<CaseRecord?>> readFacts, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            // The list before the case: a writer that read an older case must also have read an older list.
            var stored = await ReadAsync(owner, cancellationToken).ConfigureAwait(false);
            var facts = await readFacts(cancellationToken).ConfigureAwait(false);
            var entry = facts is not null && CaseIndexKey.Normalize(facts.Owner) == CaseIndexKey.Normalize(owner) ? OwnedCase.Of(CaseSummary.Of(facts)) : null;
            var cases = stored?.List.Cases ?? [];
            var index = cases.FindIndex(c => c.Reference == reference);
            if (index < 0 ? entry is null : entry is not null && Same(cases[index], entry))
            {
                return;
            }

            var changed = cases.Where(c => c.Reference != reference).ToList();
            if (entry is not null)
            {
                changed.Add(entry);
            }

            changed.Sort((a, b) => string.CompareOrdinal(a.Reference, b.Reference));
            try
            {
                // A list this write creates has not been checked against the index: its first read rebuilds it.
                await WriteAsync(owner, new OwnerList(stored?.List.CheckedAt, changed), stored?.ETag, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < Attempts)
            {
                // Another case of the same owner was written meanwhile: start again from that list, after a
                // short random wait so that writers of one busy owner's cases do not meet again at once.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + (attempt * 10))), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteAsync(string owner, OwnerList list, ETag? read, CancellationToken cancellationToken)
        => await Blob(owner).UploadAsync(BinaryData.FromObjectAsJson(list, Json), new BlobUploadOptions
        {
            Conditions = read is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
            Metadata = BlobCaseStore.ClassificationMetadata,
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, cancellationToken).ConfigureAwait(false);

    private static bool Same(OwnedCase a, OwnedCase b)
        => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json);

    private BlobClient Blob(string owner) => container.GetBlobClient($"{Folder}{key.Of(owner)}.json");
}
