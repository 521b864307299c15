namespace IntakeBot.Cases;

/// <summary>One line of <c>audit.jsonl</c>.</summary>
public sealed record AuditEntry(DateTimeOffset At, string By, string Action, string? Whom, string Result, string? Detail = null);
