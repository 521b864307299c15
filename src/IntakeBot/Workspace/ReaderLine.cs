namespace IntakeBot.Workspace;

/// <summary>One person the case file is shared with.</summary>
public sealed record ReaderLine(string Name, string Email, DateTimeOffset GrantedAt);
