using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace IntakeBot.Retention;

/// <summary>The lease on <c>sweeper.lock</c> (or, for another background pass, <paramref name="blobName"/>)
/// in the retention container: whoever holds it sweeps, and every other process skips that round. The
/// lease is renewed while the sweep runs; if renewing fails, the sweep is cancelled, since another
/// process may take over.</summary>
public sealed class SweepLease(RetentionContainer container, TimeProvider time, string blobName = SweepLease.BlobName)
{
    public const string BlobName = "sweeper.lock";

    /// <summary>Azure's longest finite lease; a process that dies holding it blocks others this long at most.</summary>
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="work"/> while holding the lease; false, without running it, when
    /// another process holds it.</summary>
    public async Task<bool> RunAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await container.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var blob = container.Client.GetBlockBlobClient(blobName);
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

        using var sweeping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(lease, sweeping);
        try
        {
            await work(sweeping.Token).ConfigureAwait(false);
        }
        finally
        {
            await sweeping.CancelAsync().ConfigureAwait(false);
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

    private async Task RenewAsync(BlobLeaseClient lease, CancellationTokenSource sweeping)
    {
        try
        {
            while (!sweeping.IsCancellationRequested)
            {
                await Task.Delay(RenewEvery, time, sweeping.Token).ConfigureAwait(false);
                await lease.RenewAsync(cancellationToken: sweeping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The sweep ended.
        }
        catch (RequestFailedException)
        {
            await sweeping.CancelAsync().ConfigureAwait(false);
        }
    }
}
