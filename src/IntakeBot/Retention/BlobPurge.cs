using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace IntakeBot.Retention;

/// <summary>Deletes blobs completely: each with its snapshots, and, where the account keeps versions,
/// every previous version. What is left is only the storage's own soft-delete copy, kept for
/// <c>BackupRetention</c>.</summary>
public static class BlobPurge
{
    /// <summary>Deletes every blob whose name starts with <paramref name="prefix"/>, except those
    /// <paramref name="keep"/> names, and all their versions. Returns how many blobs were deleted.</summary>
    public static async Task<PurgeCount> DeletePrefixAsync(BlobContainerClient container, string prefix, Func<string, bool>? keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var blobs = 0;
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            if (keep?.Invoke(item.Name) != true
                && (await container.DeleteBlobIfExistsAsync(item.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false)).Value)
            {
                blobs++;
            }
        }

        var versions = await DeleteVersionsAsync(container, prefix, name => keep?.Invoke(name) != true, cancellationToken).ConfigureAwait(false);
        return new PurgeCount(blobs, versions);
    }

    /// <summary>Deletes one blob (if it still matches <paramref name="conditions"/>) with its snapshots
    /// and every version. False when it was already gone; a mismatch throws (412).</summary>
    public static async Task<PurgeCount> DeleteBlobAsync(BlobContainerClient container, string name, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var deleted = (await container.GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions, cancellationToken).ConfigureAwait(false)).Value;
        var versions = await DeleteHistoryAsync(container, name, cancellationToken).ConfigureAwait(false);
        return new PurgeCount(deleted ? 1 : 0, versions);
    }

    /// <summary>Deletes every previous version of one blob and keeps the current one: what a state
    /// blob needs once the draft it held is gone from its current version.</summary>
    public static Task<int> DeleteHistoryAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
        => DeleteVersionsAsync(container, name, candidate => candidate == name, cancellationToken);

    private static async Task<int> DeleteVersionsAsync(BlobContainerClient container, string prefix, Func<string, bool> include, CancellationToken cancellationToken)
    {
        var versions = new List<(string Name, string VersionId)>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, States = BlobStates.Version }, cancellationToken).ConfigureAwait(false))
            {
                // The current version is the blob itself; it is kept or deleted by the caller.
                if (item.VersionId is { } versionId && item.IsLatestVersion != true && include(item.Name))
                {
                    versions.Add((item.Name, versionId));
                }
            }
        }
        catch (RequestFailedException e) when (e.Status is 400 or 501)
        {
            // An emulator without versioning (Azurite) refuses to list versions: there are none to delete.
            return 0;
        }

        var deleted = 0;
        foreach (var (name, versionId) in versions)
        {
            if ((await container.GetBlobClient(name).WithVersion(versionId).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value)
            {
                deleted++;
            }
        }

        return deleted;
    }
}
