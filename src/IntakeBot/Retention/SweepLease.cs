using IntakeBot.Storage;

namespace IntakeBot.Retention;

/// <summary>The lease on <c>sweeper.lock</c> (or, for another background pass, <paramref name="blobName"/>)
/// in the retention container: whoever holds it sweeps, and every other process skips that round
/// (a <see cref="LockBlobLease"/>, held and renewed while the sweep runs).</summary>
public sealed class SweepLease(RetentionContainer container, TimeProvider time, string blobName = SweepLease.BlobName)
{
    public const string BlobName = "sweeper.lock";

    /// <summary>Runs <paramref name="work"/> while holding the lease; false, without running it, when
    /// another process holds it.</summary>
    public async Task<bool> RunAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await container.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await new LockBlobLease(container.Client, blobName, time).TryRunAsync(work, cancellationToken).ConfigureAwait(false);
    }
}
