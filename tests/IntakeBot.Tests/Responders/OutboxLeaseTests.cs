using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using IntakeBot.Responders;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Microsoft.Extensions.Options;

namespace IntakeBot.Tests.Responders;

/// <summary>An outbox entry is taken under a blob lease for one delivery attempt. Losing that lease
/// while the connector is still taking the message (a renewal the storage did not answer, a lease
/// that ran out) must not make a delivered message go out a second time.</summary>
public sealed class OutboxLeaseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_renewal_that_fails_ends_the_renewing_and_not_the_delivery_attempt()
    {
        var (outbox, containers, id) = await PostOneAsync();
        await using var taken = await outbox.TryTakeAsync(id, CancellationToken.None);
        Assert.NotNull(taken);
        await containers.State.GetBlobClient($"outbox/{id}.json").GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);

        using var attempt = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var keeping = taken.KeepAsync(TimeSpan.FromMilliseconds(10), attempt.Token);

        // It stops by itself at the first renewal, which the storage refuses; it must not throw, or
        // the attempt it belongs to fails after the message went out.
        await keeping.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(attempt.IsCancellationRequested);
    }

    [Fact]
    public async Task A_delivered_entry_is_removed_even_when_its_lease_was_lost_meanwhile()
    {
        var (outbox, containers, id) = await PostOneAsync();
        var taken = await outbox.TryTakeAsync(id, CancellationToken.None);
        Assert.NotNull(taken);
        await containers.State.GetBlobClient($"outbox/{id}.json").GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);

        await taken.DeliveredAsync(TimeSpan.Zero, CancellationToken.None);
        await taken.DisposeAsync();

        var (due, waiting) = await outbox.ListAsync(DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.Empty(due);
        Assert.Equal(0, waiting);
    }

    [Fact]
    public async Task A_delivered_entry_is_removed_when_storage_does_not_answer_its_first_removal()
    {
        var restarting = new FailingDelete();
        var options = new BlobClientOptions();
        options.AddPolicy(restarting, HttpPipelinePosition.PerCall);
        var (outbox, _, id) = await PostOneAsync(new BlobServiceClient(azurite.ConnectionString, options));
        var taken = await outbox.TryTakeAsync(id, CancellationToken.None);
        Assert.NotNull(taken);

        restarting.Arm();
        await taken.DeliveredAsync(outbox.LeaseDuration / 2, CancellationToken.None);
        await taken.DisposeAsync();

        Assert.True(restarting.Spent);
        var (due, waiting) = await outbox.ListAsync(DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.Empty(due);
        Assert.Equal(0, waiting);
    }

    private async Task<(NotificationOutbox Outbox, BlobContainers Containers, string Id)> PostOneAsync(BlobServiceClient? client = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var containers = new BlobContainers(client ?? azurite.Client, new StorageOptions { CasesContainer = $"cases-{suffix}", StateContainer = $"state-{suffix}" });
        await containers.State.CreateIfNotExistsAsync();
        var outbox = new NotificationOutbox(containers, Options.Create(new NotificationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<NotificationOutbox>.Instance);
        var entry = new OutboxEntry(new OwnerNotification("owner", TextKey.ReminderAcknowledgeDue, "IR-2026-AAAA"), "reminder/IR-2026-AAAA", ActivityId: null, DateTimeOffset.UtcNow);
        await outbox.WriteAsync([entry], DateTimeOffset.UtcNow, CancellationToken.None);
        return (outbox, containers, entry.Id);
    }

    /// <summary>Once armed, the next delete fails as a storage that is restarting fails it (after the
    /// client's retries): no answer at all.</summary>
    private sealed class FailingDelete : HttpPipelinePolicy
    {
        private int _armed;

        public bool Spent => Volatile.Read(ref _armed) == 0;

        public void Arm() => Volatile.Write(ref _armed, 1);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            FailIfArmed(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            FailIfArmed(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void FailIfArmed(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Delete && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                throw new HttpRequestException("Injected by the test: storage is restarting.");
            }
        }
    }
}
