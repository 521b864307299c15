namespace IntakeBot.Workspace;

/// <summary>One evidence item as the owner sees it in the list, its size as people read it
/// (<paramref name="SizeText"/>, in the reader's language); the file itself comes through the audited download.</summary>
public sealed record EvidenceLine(int Number, string Name, string ContentType, long Size, string SizeText, string Sha256, DateTimeOffset AddedAt);
