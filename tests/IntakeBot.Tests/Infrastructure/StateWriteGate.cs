using IntakeBot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>The bot's own state storage (blobs on Azurite) with a gate in front of its writes: after
/// <see cref="HoldNextWrite"/>, the next turn to commit waits at its write until <see cref="Release"/>,
/// so that a test can let a second message read the same state and commit first, as two messages at
/// the same moment do; after <see cref="ConflictNextWrites"/>, the next writes are refused as storage
/// refuses a write whose ETag another write has changed.</summary>
internal sealed class StateWriteGate
{
    private int _armed;
    private int _conflicts;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void HoldNextWrite()
    {
        _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _armed, 1);
    }

    public void ConflictNextWrites(int count) => Volatile.Write(ref _conflicts, count);

    /// <summary>Waits until the held write has arrived at the gate.</summary>
    public Task HeldAsync(TimeSpan timeout) => _arrived.Task.WaitAsync(timeout);

    public void Release() => _release.TrySetResult();

    /// <summary>Wraps the app's registered <see cref="IStorage"/> (for <see cref="BotApp"/>'s services).</summary>
    public void Install(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IStorage));
        services.Remove(registered);
        services.AddSingleton<IStorage>(sp => new Gated(this, (IStorage)registered.ImplementationFactory!(sp)));
    }

    private async Task PassAsync()
    {
        if (Interlocked.Decrement(ref _conflicts) >= 0)
        {
            throw new StateConflictException(new Azure.RequestFailedException(412, "The condition specified using HTTP conditional header(s) is not met."));
        }

        Interlocked.Exchange(ref _conflicts, 0);
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _arrived.TrySetResult();
            await _release.Task;
        }
    }

    private sealed class Gated(StateWriteGate gate, IStorage inner) : IStorage
    {
        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) => inner.ReadAsync(keys, cancellationToken);

        public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync();
            await inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);
    }
}
