
namespace IntakeBot.Cases;

/// <summary>Cases in blob storage. References are checked before they become blob names.</summary>
public interface ICaseStore
{
    /// <summary>Creates a new case; false when the reference is already taken.</summary>
    Task<bool> TryCreateAsync(CaseRecord record, CancellationToken cancellationToken);

    /// <summary>Changes a case with <paramref name="change"/>, read and written under its ETag so that
    /// a concurrent change is never overwritten (the change is applied again to the newer case). When
    /// <paramref name="change"/> returns the record it was given, nothing is written.
    /// Returns null when the case does not exist.</summary>
    Task<CaseRecord?> UpdateAsync(string reference, Func<CaseRecord, CaseRecord> change, CancellationToken cancellationToken);

    Task<CaseRecord?> GetAsync(string reference, CancellationToken cancellationToken);

    /// <summary>The case's summary, read from its <c>case.json</c> alone (none of its long texts), or null
    /// when it does not exist: for a pass that decides about a case without showing or changing it.</summary>
    Task<CaseSummary?> GetSummaryAsync(string reference, CancellationToken cancellationToken);

    /// <summary>The cases whose reporter has this AAD object id, or whose owner is this roster entry, found
    /// through the index tags (never by reading other cases), in reference order; each read from its
    /// <c>case.json</c> alone, as a summary without anything a person wrote.</summary>
    Task<IReadOnlyList<CaseSummary>> ListAsync(CaseFilter filter, CancellationToken cancellationToken);

    /// <summary>The cases in <paramref name="status"/> whose date tag <paramref name="dateTag"/> (one of
    /// <see cref="CaseIndexTags"/>' dates) is before <paramref name="before"/>, found through the index
    /// and checked against each stored <c>case.json</c>: for the deadline reminders and the retention sweep.</summary>
    IAsyncEnumerable<CaseSummary> FindAsync(CaseStatus status, string dateTag, DateTimeOffset before, CancellationToken cancellationToken);

    Task AppendTranscriptAsync(string reference, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken);

    Task<IReadOnlyList<TranscriptEntry>> ReadTranscriptAsync(string reference, CancellationToken cancellationToken);

    /// <summary>The transcript's length in bytes, 0 while it does not exist: where the next append goes.</summary>
    Task<long> TranscriptLengthAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Appends <paramref name="entries"/> (one append) unless the lines from byte <paramref name="from"/>
    /// on hold them already, as <paramref name="written"/> tells from those lines. The append is conditioned on
    /// the end the check saw, so writers that check at the same time append once; false when the lines
    /// were there. Only the lines after <paramref name="from"/> are read, and none when nothing was
    /// appended since.</summary>
    Task<bool> AppendTranscriptOnceAsync(string reference, IReadOnlyList<TranscriptEntry> entries, long from, Func<IReadOnlyList<TranscriptEntry>, bool> written, CancellationToken cancellationToken);

    /// <summary>Appends to the case's audit log; each append is conditioned on the position it expects, so
    /// concurrent entries are neither lost nor interleaved.</summary>
    Task AppendAuditAsync(string reference, AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Appends those of <paramref name="entries"/> that the audit log does not hold yet (an equal
    /// line: a change's entries carry its activity id), in one append conditioned on the end that check
    /// read, so that writers applying the same change at once add each entry once.</summary>
    Task AppendAuditOnceAsync(string reference, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Sets who added an evidence blob of the case (its <c>addedby</c> metadata), for a confidential
    /// case whose reporter stands as a pseudonym; nothing when the blob is gone.</summary>
    Task SetEvidenceAddedByAsync(string blobName, string addedBy, CancellationToken cancellationToken);

    /// <summary>Deletes every blob of the case.</summary>
    Task DeleteAsync(string reference, CancellationToken cancellationToken);
}

/// <summary>Whose cases to list: exactly one of the two is set. <paramref name="Recent"/> are references
/// the caller knows were written a moment ago, which Azure's tag index (eventually consistent) may not
/// find yet: they are read and checked like the index's answers, and listed once.</summary>
public sealed record CaseFilter(string? ReporterAadObjectId = null, string? Owner = null, IReadOnlyList<string>? Recent = null);
