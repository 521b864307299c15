namespace IntakeBot.Workspace;

/// <summary>One evidence item as the owner sees it in the list; the file itself comes through the
/// audited download.</summary>
public sealed record EvidenceLine(int Number, string Name, string ContentType, long Size, string Sha256, DateTimeOffset AddedAt);
