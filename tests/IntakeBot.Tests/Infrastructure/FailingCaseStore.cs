using Azure;
using IntakeBot.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>The app's real case store (blobs on Azurite) with a fault in front of it: after
/// <see cref="FailNextCreate"/>, <see cref="FailNextUpdate"/> or <see cref="FailNextTranscript"/>, that
/// call fails once as storage fails (503), the way a process that stops or a storage outage leaves a
/// write undone; after <see cref="HoldNextTranscript"/>, the next transcript append waits until
/// <see cref="Release"/>, so that a test can make another writer meet it half-way.</summary>
internal sealed class FailingCaseStore
{
    private int _creates;
    private int _updates;
    private int _transcripts;
    private int _audits;
    private int _hold;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void FailNextCreate() => Volatile.Write(ref _creates, 1);

    public void FailNextUpdate() => Volatile.Write(ref _updates, 1);

    public void FailNextTranscript() => Volatile.Write(ref _transcripts, 1);

    public void FailNextAudit() => Volatile.Write(ref _audits, 1);

    public void HoldNextTranscript()
    {
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _hold, 1);
    }

    /// <summary>Waits until the held append has arrived.</summary>
    public Task HeldAsync(TimeSpan timeout) => _held.Task.WaitAsync(timeout);

    public void Release() => _release.TrySetResult();

    /// <summary>Wraps the app's <see cref="ICaseStore"/> (for <see cref="BotApp"/>'s services).</summary>
    public void Install(IServiceCollection services)
    {
        services.AddSingleton<BlobCaseStore>();
        services.AddSingleton<ICaseStore>(sp => new Faulty(this, sp.GetRequiredService<BlobCaseStore>()));
    }

    private async Task TranscriptFaultAsync()
    {
        FailIf(ref _transcripts);
        if (Interlocked.Exchange(ref _hold, 0) == 1)
        {
            _held.TrySetResult();
            await _release.Task;
        }
    }

    private static void FailIf(ref int armed)
    {
        if (Interlocked.Exchange(ref armed, 0) == 1)
        {
            throw new RequestFailedException(503, "Injected by the test.");
        }
    }

    private sealed class Faulty(FailingCaseStore faults, ICaseStore inner) : ICaseStore
    {
        public Task<bool> TryCreateAsync(CaseRecord record, CancellationToken cancellationToken)
        {
            FailIf(ref faults._creates);
            return inner.TryCreateAsync(record, cancellationToken);
        }

        public Task<CaseRecord?> UpdateAsync(string reference, Func<CaseRecord, CaseRecord> change, CancellationToken cancellationToken)
        {
            FailIf(ref faults._updates);
            return inner.UpdateAsync(reference, change, cancellationToken);
        }

        public Task<CaseRecord?> GetAsync(string reference, CancellationToken cancellationToken) => inner.GetAsync(reference, cancellationToken);

        public Task<CaseSummary?> GetSummaryAsync(string reference, CancellationToken cancellationToken) => inner.GetSummaryAsync(reference, cancellationToken);

        public Task<IReadOnlyList<CaseSummary>> ListAsync(CaseFilter filter, CancellationToken cancellationToken) => inner.ListAsync(filter, cancellationToken);

        public IAsyncEnumerable<CaseSummary> FindAsync(CaseStatus status, string dateTag, DateTimeOffset before, CancellationToken cancellationToken) => inner.FindAsync(status, dateTag, before, cancellationToken);

        public async Task AppendTranscriptAsync(string reference, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
        {
            await faults.TranscriptFaultAsync();
            await inner.AppendTranscriptAsync(reference, entries, cancellationToken);
        }

        public Task<long> TranscriptLengthAsync(string reference, CancellationToken cancellationToken) => inner.TranscriptLengthAsync(reference, cancellationToken);

        public async Task<bool> AppendTranscriptOnceAsync(string reference, IReadOnlyList<TranscriptEntry> entries, long from, Func<IReadOnlyList<TranscriptEntry>, bool> written, CancellationToken cancellationToken)
        {
            await faults.TranscriptFaultAsync();
            return await inner.AppendTranscriptOnceAsync(reference, entries, from, written, cancellationToken);
        }

        public Task<IReadOnlyList<TranscriptEntry>> ReadTranscriptAsync(string reference, CancellationToken cancellationToken) => inner.ReadTranscriptAsync(reference, cancellationToken);

        public Task AppendAuditAsync(string reference, AuditEntry entry, CancellationToken cancellationToken)
        {
            FailIf(ref faults._audits);
            return inner.AppendAuditAsync(reference, entry, cancellationToken);
        }

        public Task AppendAuditOnceAsync(string reference, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
        {
            FailIf(ref faults._audits);
            return inner.AppendAuditOnceAsync(reference, entries, cancellationToken);
        }

        public Task SetEvidenceAddedByAsync(string blobName, string addedBy, CancellationToken cancellationToken) => inner.SetEvidenceAddedByAsync(blobName, addedBy, cancellationToken);

        public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string reference, CancellationToken cancellationToken) => inner.ReadAuditAsync(reference, cancellationToken);

        public Task DeleteAsync(string reference, CancellationToken cancellationToken) => inner.DeleteAsync(reference, cancellationToken);
    }
}
