namespace IntakeBot.Cases;

/// <summary>One line of <c>audit.jsonl</c>. An entry for a committed change carries the change's
/// <paramref name="ActivityId"/>, so that applying the change again finds it in the log instead of adding it twice.</summary>
public sealed record AuditEntry(DateTimeOffset At, string By, AuditAction Action, string? Whom, AuditResult Result, string? Detail = null, string? ActivityId = null);
