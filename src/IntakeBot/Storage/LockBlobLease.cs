using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace IntakeBot.Storage;

/// <summary>A lock blob that one process at a time holds with a blob lease (Azure's own primitive, no
/// home-made lock): whoever holds it runs the work, every other process skips it. The lease is renewed
/// while the work runs; if renewing fails, the work is cancelled, since another process may take over.
/// A process that dies holding it blocks the others for one <see cref="Duration"/> at most.</summary>
public sealed class LockBlobLease(BlobContainerClient container, string blobName, TimeProvider time)
{
    /// <summary>Azure's longest finite lease.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="work"/> while holding the lease; false, without running it, when
    /// another process holds it.</summary>
    public async Task<bool> TryRunAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var blob = container.GetBlockBlobClient(blobName);
        try
        {
            await blob.UploadAsync(new MemoryStream([]), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // It exists (and may be leased).
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(Duration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }

        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(lease, running);
        try
        {
            await work(running.Token).ConfigureAwait(false);
        }
        finally
        {
            await running.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            try
            {
                await lease.ReleaseAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // Lost already; it expires on its own.
            }
        }

        return true;
    }

    private async Task RenewAsync(BlobLeaseClient lease, CancellationTokenSource running)
    {
        try
        {
            while (!running.IsCancellationRequested)
            {
                await Task.Delay(RenewEvery, time, running.Token).ConfigureAwait(false);
                await lease.RenewAsync(cancellationToken: running.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The work ended.
        }
        catch (RequestFailedException)
        {
            await running.CancelAsync().ConfigureAwait(false);
        }
    }
}
