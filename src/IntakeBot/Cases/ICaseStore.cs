namespace IntakeBot.Cases;

/// <summary>Cases in blob storage. References are checked before they become blob names.</summary>
public interface ICaseStore
{
    /// <summary>Creates a new case; false when the reference is already taken.</summary>
    Task<bool> TryCreateAsync(CaseRecord record, CancellationToken cancellationToken);

    Task SaveAsync(CaseRecord record, CancellationToken cancellationToken);

    Task<CaseRecord?> GetAsync(string reference, CancellationToken cancellationToken);

    Task AppendTranscriptAsync(string reference, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken);

    Task<IReadOnlyList<TranscriptEntry>> ReadTranscriptAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Deletes every blob of the case.</summary>
    Task DeleteAsync(string reference, CancellationToken cancellationToken);
}
