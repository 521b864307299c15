using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Storage;

/// <summary>The lock blob that background passes (retention sweep, deadline reminders, case index
/// tagging) take so that one process at a time runs them, on Azurite's real blob leases.</summary>
public sealed class LockBlobLeaseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string LockBlob = "pass.lock";

    private async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = azurite.Client.GetBlobContainerClient($"lease-{Guid.NewGuid():N}"[..30]);
        await container.CreateAsync();
        return container;
    }

    [Fact]
    public async Task While_one_process_runs_the_pass_another_skips_it_and_runs_it_once_it_is_over()
    {
        var container = await NewContainerAsync();
        var first = new LockBlobLease(container, LockBlob, TimeProvider.System);
        var second = new LockBlobLease(container, LockBlob, TimeProvider.System);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var letGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondRuns = 0;

        var running = first.TryRunAsync(async _ => { holding.SetResult(); await letGo.Task; }, CancellationToken.None);
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.False(await second.TryRunAsync(_ => { secondRuns++; return Task.CompletedTask; }, CancellationToken.None));

        letGo.SetResult();
        Assert.True(await running.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(await second.TryRunAsync(_ => { secondRuns++; return Task.CompletedTask; }, CancellationToken.None));
        Assert.Equal(1, secondRuns);
    }

    [Fact]
    public async Task A_process_that_stopped_holding_the_lock_blocks_the_pass_only_until_its_lease_runs_out()
    {
        var container = await NewContainerAsync();

        // Another process took the lock with Azure's shortest lease and then died: it never renews or releases.
        var lockBlob = container.GetBlobClient(LockBlob);
        await lockBlob.UploadAsync(BinaryData.Empty);
        await lockBlob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15));

        var lease = new LockBlobLease(container, LockBlob, TimeProvider.System);
        var runs = 0;
        Task Work(CancellationToken _)
        {
            runs++;
            return Task.CompletedTask;
        }

        Assert.False(await lease.TryRunAsync(Work, CancellationToken.None));
        Assert.Equal(0, runs);

        // Wait on the condition, not the clock: the pass is taken over as soon as the dead holder's lease has run out.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (!await lease.TryRunAsync(Work, deadline.Token))
        {
            await Task.Delay(250, deadline.Token);
        }

        Assert.Equal(1, runs);
        Assert.Equal(Azure.Storage.Blobs.Models.LeaseState.Available, (await lockBlob.GetPropertiesAsync()).Value.LeaseState);
    }
}
