
namespace IntakeBot.Cases;

/// <summary>One piece of evidence as recorded in case.json and in its blob's metadata. A file or pasted
/// text has no <paramref name="Kind"/>; a Teams message kept with "Report this message" is
/// <c>teams-message</c> and carries its <paramref name="Message"/> facts.</summary>
public sealed record EvidenceItem(
    int Number,
    string BlobName,
    string OriginalName,
    string SafeName,
    string ContentType,
    long Size,
    string Sha256,
    string AddedBy,
    DateTimeOffset AddedAt,
    string? Kind = null,
    MessageFacts? Message = null);
