using System.Security.Cryptography;

namespace IntakeBot.Evidence;

/// <summary>Reads through to another stream, hashing (SHA-256) and counting on the way, and stops with
/// <see cref="EvidenceTooLargeException"/> as soon as more than the limit has come through.</summary>
public sealed class HashingStream(Stream inner, long limit) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public string Sha256Hex() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        return Count(buffer[..read]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..read]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(ReadOnlySpan<byte> read)
    {
        BytesRead += read.Length;
        if (BytesRead > limit)
        {
            throw new EvidenceTooLargeException();
        }

        _hash.AppendData(read);
        return read.Length;
    }
}

/// <summary>The file turned out larger than the configured limit while it was being stored.</summary>
public sealed class EvidenceTooLargeException() : IOException("The file is larger than the evidence size limit.");
