
namespace IntakeBot.Cases;

/// <summary>One piece of evidence as recorded in case.json and in its blob's metadata. A file or pasted
/// text has no <paramref name="Kind"/>; a Teams message kept with "Report this message" is
/// <c>teams-message</c> and carries its <paramref name="Message"/> facts. In a confidential case a file's
/// <paramref name="Original"/> is sealed and the item is the cleaned copy, under a neutral name.</summary>
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
    MessageFacts? Message = null,
    SealedOriginal? Original = null)
{
    /// <summary>A file of a confidential case that could not be cleaned: kept sealed, shown to nobody
    /// but as a line saying so.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public bool Withheld => Original is { Cleaned: false };
}
