namespace IntakeBot.Evidence;

/// <summary>What is sealed with a file besides its bytes: its name as uploaded and its SHA-256.</summary>
public sealed record OriginalFacts(string OriginalName, string Sha256, long Size);
