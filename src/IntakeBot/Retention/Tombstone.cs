namespace IntakeBot.Retention;

/// <summary>One tombstone blob in the retention container (<see cref="Tombstones"/>): proof that a case or draft was
/// deleted, with no content and no names. The owner is kept only as a hash, so that <c>deleted IR-…</c>
/// can answer the owner and nobody else.</summary>
public sealed record Tombstone(
    string Id,
    string? Reference,
    string Kind,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset DeletedAt,
    string By,
    int Blobs,
    int Versions,
    int Evidence,
    bool GraphFolderRemoved,
    string? OwnerHash);
