namespace IntakeBot.Cases;

/// <summary>One line of <c>audit.jsonl</c>.</summary>
public sealed record AuditEntry(DateTimeOffset At, string By, AuditAction Action, string? Whom, AuditResult Result, string? Detail = null);
