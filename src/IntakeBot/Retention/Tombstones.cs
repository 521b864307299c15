using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using IntakeBot.Cases;

using IntakeBot.Storage;
namespace IntakeBot.Retention;

/// <summary>The tombstone log, <c>log.jsonl</c>, an append blob in the retention container: one line per
/// deletion. A line is one append block, so concurrent writers never interleave.</summary>
public sealed class Tombstones(RetentionContainer container)
{
    public const string LogName = "log.jsonl";

    private static readonly Dictionary<string, string> ClassificationMetadata = new() { ["classification"] = Classification.HighlyConfidential };

    private AppendBlobClient Log => container.Client.GetAppendBlobClient(LogName);

    /// <summary>Appends the tombstone unless a line with its id is there already: a purge resumed after
    /// a crash proves its deletion once.</summary>
    public async Task AppendAsync(Tombstone tombstone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        await container.EnsureAsync(cancellationToken).ConfigureAwait(false);
        if ((await ReadAllAsync(cancellationToken).ConfigureAwait(false)).Any(t => t.Id == tombstone.Id))
        {
            return;
        }

        await Log.CreateIfNotExistsAsync(new AppendBlobCreateOptions
        {
            Metadata = ClassificationMetadata,
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
        }, cancellationToken).ConfigureAwait(false);
        using var line = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(tombstone, BlobCaseStore.Json) + "\n"));
        await Log.AppendBlockAsync(line, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Tombstone>> ReadAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            var download = await Log.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return [.. download.Value.Content.ToString()
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonSerializer.Deserialize<Tombstone>(line, BlobCaseStore.Json)!)];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    /// <summary>For <c>deleted IR-…</c>: the tombstone of a case this person owned, found by their object
    /// id or UPN; null for anyone else, exactly as for a reference never deleted.</summary>
    public async Task<Tombstone?> FindForOwnerAsync(string reference, string callerObjectId, string? callerUpn, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsValid(reference))
        {
            return null;
        }

        string?[] hashes = [OwnerHash(callerObjectId), callerUpn is null ? null : OwnerHash(callerUpn)];
        return (await ReadAllAsync(cancellationToken).ConfigureAwait(false))
            .LastOrDefault(t => t.Reference == reference && t.OwnerHash is { } hash && hashes.Contains(hash));
    }

    /// <summary>The same hash the case store keeps of an owner, so that the log names nobody.</summary>
    public static string OwnerHash(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(owner.Trim().ToLowerInvariant())));
    }
}
