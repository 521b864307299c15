namespace IntakeBot.Cases;

/// <summary>One piece of evidence as recorded in case.json and in its blob's metadata.</summary>
public sealed record EvidenceItem(
    int Number,
    string BlobName,
    string OriginalName,
    string SafeName,
    string ContentType,
    long Size,
    string Sha256,
    string AddedBy,
    DateTimeOffset AddedAt);
