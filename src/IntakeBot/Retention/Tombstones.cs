using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Storage;

namespace IntakeBot.Retention;

/// <summary>The tombstones in the retention container: one small blob per deletion,
/// <c>tombstones/IR-…/&lt;id&gt;.json</c>, written once (If-None-Match). Per deletion rather than one
/// growing log, so that proving a deletion and answering <c>deleted IR-…</c> read only that case's
/// tombstones however many cases were deleted before, and no append-block cap (50,000 per blob) ever
/// stops the sweep. Versions before this one appended lines to <c>log.jsonl</c>; those are still read.</summary>
public sealed class Tombstones(RetentionContainer container, CaseIndexKey index)
{
    public const string Prefix = "tombstones/";

    /// <summary>The log earlier versions appended to; read for their tombstones, never written.</summary>
    public const string LegacyLogName = "log.jsonl";

    /// <summary>Where a tombstone of a draft that never had a reference goes.</summary>
    private const string NoReference = "draft";

    private static readonly Dictionary<string, string> ClassificationMetadata = new() { ["classification"] = Classification.HighlyConfidential };

    /// <summary>Writes the tombstone unless one with its id is there already: a purge resumed after a
    /// crash proves its deletion once.</summary>
    public async Task AppendAsync(Tombstone tombstone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        await container.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var folder = tombstone.Reference is { } reference && CaseReference.IsValid(reference) ? reference : NoReference;
        var blob = container.Client.GetBlobClient($"{Prefix}{folder}/{Guid.Parse(tombstone.Id):N}.json");
        try
        {
            await blob.UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(tombstone, BlobCaseStore.Json)), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = ClassificationMetadata,
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Written by this purge before it was stopped.
        }
    }

    /// <summary>The tombstones of one case or draft reference, oldest first.</summary>
    public async Task<IReadOnlyList<Tombstone>> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsValid(reference))
        {
            return [];
        }

        var found = (await ReadLegacyLogAsync(cancellationToken).ConfigureAwait(false)).Where(t => t.Reference == reference).ToList();
        try
        {
            await foreach (var item in container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{Prefix}{reference}/" }, cancellationToken).ConfigureAwait(false))
            {
                var content = await container.Client.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                found.Add(JsonSerializer.Deserialize<Tombstone>(content.Value.Content, BlobCaseStore.Json)!);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No retention container yet: nothing was ever deleted.
        }

        return [.. found.OrderBy(t => t.DeletedAt)];
    }

    /// <summary>For <c>deleted IR-…</c>: the tombstone of a case this person owned, found by their object
    /// id or UPN; null for anyone else, exactly as for a reference never deleted.</summary>
    public async Task<Tombstone?> FindForOwnerAsync(string reference, string callerObjectId, string? callerUpn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callerObjectId);
        string[] ids = callerUpn is null ? [callerObjectId] : [callerObjectId, callerUpn];
        var hashes = ids.Select(OwnerHash).Concat(ids.Select(LegacyOwnerHash)).ToHashSet(StringComparer.Ordinal);
        return (await ReadAsync(reference, cancellationToken).ConfigureAwait(false))
            .LastOrDefault(t => t.OwnerHash is { } hash && hashes.Contains(hash));
    }

    /// <summary>The owner as the tombstone keeps them: keyed with the index key (<c>Storage:IndexKey</c>),
    /// so that nobody can find whose case it was by hashing the names in the directory.</summary>
    public string OwnerHash(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return index.Of(owner);
    }

    /// <summary>The unkeyed hash earlier versions wrote, still matched so their tombstones answer their owner.</summary>
    private static string LegacyOwnerHash(string owner)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CaseIndexKey.Normalize(owner))));

    private async Task<IReadOnlyList<Tombstone>> ReadLegacyLogAsync(CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.Client.GetBlobClient(LegacyLogName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return [.. download.Value.Content.ToString()
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonSerializer.Deserialize<Tombstone>(line, BlobCaseStore.Json)!)];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }
}
