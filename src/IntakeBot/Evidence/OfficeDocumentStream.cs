namespace IntakeBot.Evidence;

/// <summary>Reads an Office document through, keeping only its last <see cref="OfficeDocuments.TailBytes"/>
/// (memory stays bounded whatever the size), and checks its parts when the end is reached. The check
/// throws <see cref="EvidenceRefusedException"/> from that last read, before the blob's block list is
/// committed, so a refused document is never stored, not even for a moment, and never touches local
/// disk. The stream it reads is left open: its owner disposes it.</summary>
public sealed class OfficeDocumentStream(Stream inner, string safeName) : ReadOnlyStream
{
    private readonly byte[] _tail = new byte[OfficeDocuments.TailBytes];
    private long _length;
    private bool _checked;

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        return Keep(buffer[..read], buffer.Length);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Keep(buffer.Span[..read], buffer.Length);
    }

    private int Keep(ReadOnlySpan<byte> read, int asked)
    {
        if (read.Length == 0 && asked > 0)
        {
            CheckOnce();
            return 0;
        }

        // A ring of the last bytes: each byte goes to position (offset in file) mod capacity.
        var from = read.Length > _tail.Length ? read[^_tail.Length..] : read;
        var start = (int)((_length + read.Length - from.Length) % _tail.Length);
        var first = Math.Min(from.Length, _tail.Length - start);
        from[..first].CopyTo(_tail.AsSpan(start));
        from[first..].CopyTo(_tail);
        _length += read.Length;
        return read.Length;
    }

    private void CheckOnce()
    {
        if (_checked)
        {
            return;
        }

        _checked = true;
        var kept = (int)Math.Min(_length, _tail.Length);
        var ordered = new byte[kept];
        var start = (int)((_length - kept) % _tail.Length);
        var first = Math.Min(kept, _tail.Length - start);
        _tail.AsSpan(start, first).CopyTo(ordered);
        _tail.AsSpan(0, kept - first).CopyTo(ordered.AsSpan(first));
        var refusal = OfficeDocuments.Check(safeName, ordered, _length);
        if (refusal != FileRefusal.None)
        {
            throw new EvidenceRefusedException(refusal);
        }
    }
}
