namespace IntakeBot.Evidence;

/// <summary>A download's body that stops at the download's deadline, however slowly the host sends
/// it: HttpClient's own timeout ends when the headers arrive, so a host that drips a byte a second
/// would otherwise hold the turn for as long as it likes. At the deadline the connection is closed
/// and the next (or pending) read throws <see cref="EvidenceTimeoutException"/>.</summary>
public sealed class DeadlineStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly CancellationToken _deadline;
    private readonly CancellationTokenRegistration _closeAtDeadline;

    public DeadlineStream(Stream inner, CancellationToken deadline)
    {
        _inner = inner;
        _deadline = deadline;

        // Disposing the body aborts a read in progress, synchronous or not.
        _closeAtDeadline = deadline.Register(inner.Dispose);
    }

    public override int Read(Span<byte> buffer)
    {
        if (_deadline.IsCancellationRequested)
        {
            throw new EvidenceTimeoutException();
        }

        try
        {
            return _inner.Read(buffer);
        }
        catch (Exception e) when (_deadline.IsCancellationRequested && e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            throw new EvidenceTimeoutException();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_deadline.IsCancellationRequested)
        {
            throw new EvidenceTimeoutException();
        }

        try
        {
            return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (_deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            throw new EvidenceTimeoutException();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _closeAtDeadline.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
