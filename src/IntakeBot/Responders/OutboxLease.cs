using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Newtonsoft.Json;

namespace IntakeBot.Responders;

/// <summary>One outbox entry taken for one attempt: this process holds its blob lease, so no other
/// process tries it meanwhile. It ends delivered (deleted), rescheduled, or given up (moved to the
/// dead-letter folder); the lease is released in any case.</summary>
public sealed class OutboxLease(BlobClient blob, BlobLeaseClient lease, BlobClient deadLetter, OutboxEntry entry, int attempts, DateTimeOffset due) : IAsyncDisposable
{
    private bool _ended;

    public OutboxEntry Entry { get; } = entry;

    /// <summary>Attempts made so far, by any process.</summary>
    public int Attempts { get; } = attempts;

    /// <summary>When the entry is next to be tried.</summary>
    public DateTimeOffset Due { get; } = due;

    private BlobRequestConditions Held => new() { LeaseId = lease.LeaseId };

    /// <summary>Renews the lease every <paramref name="every"/> until <paramref name="cancellationToken"/> is
    /// cancelled, so that an attempt that takes longer than the lease (a slow connector) is never tried by
    /// another process meanwhile: that would send the message twice. A renewal that fails (the storage
    /// did not answer in time, or the lease is gone) ends the renewing and not the attempt: failing the
    /// attempt would leave an entry that may have been delivered to be sent again.</summary>
    public async Task KeepAsync(TimeSpan every, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, cancellationToken).ConfigureAwait(false);
                await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The attempt is over.
        }
        catch (RequestFailedException)
        {
            // See above: the attempt goes on without the lease.
        }
    }

    /// <summary>Delivered (or never to be sent): the entry goes.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, Held, cancellationToken).ConfigureAwait(false);
        _ended = true;
    }

    /// <summary>Delivered: the entry goes, even when this process lost its lease while delivering (the
    /// lease ran out, or another process took the entry). Leaving it would send the message again, so a
    /// removal that storage does not answer (it is restarting) is tried again, pauses doubling from half
    /// a second, for up to <paramref name="patience"/> (less than what is left of the lease, so that no
    /// other process takes the entry meanwhile).</summary>
    public async Task DeliveredAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        var pause = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                await RemoveAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or AggregateException or TimeoutException or RequestFailedException { Status: 0 or >= 500 }
                && waited + pause <= patience && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                waited += pause;
                pause *= 2;
            }
        }
    }

    private async Task RemoveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DeleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            await lease.BreakAsync(TimeSpan.Zero, cancellationToken: cancellationToken).ConfigureAwait(false);
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            _ended = true;
        }
    }

    /// <summary>Not delivered this time: counted, and due again at <paramref name="due"/>.</summary>
    public Task RescheduleAsync(int attempts, DateTimeOffset due, CancellationToken cancellationToken)
        => blob.SetMetadataAsync(NotificationOutbox.Metadata(attempts, due), Held, cancellationToken);

    /// <summary>Given up: kept in the dead-letter folder (for an operator to see that it happened and
    /// to which case), out of the way of the entries still being tried.</summary>
    public async Task DeadLetterAsync(int attempts, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Metadata = NotificationOutbox.Metadata(attempts, at),
        };
        await deadLetter.UploadAsync(BinaryData.FromString(JsonConvert.SerializeObject(Entry, NotificationOutbox.Json)), options, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ended)
        {
            return;
        }

        try
        {
            await lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // The lease runs out by itself within a minute.
        }
    }
}
