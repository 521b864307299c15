namespace IntakeBot.Cases;

/// <summary>Kept in <c>case.json</c> by the conditional write that applies a change: the transcript's
/// length (<paramref name="From"/>) before the change's lines could be appended, and the audit entries
/// that write owes (<paramref name="Audit"/>: what it changed, which a later apply no longer sees as a
/// change). Whoever applies the change (the turn, its redelivery, a later turn, the background pass)
/// finds its lines, if they are there, after that byte, and appends the entries the audit log lacks, so
/// that a process stopping between the write and the appends loses neither.</summary>
public sealed record TranscriptMark(string ActivityId, long From, DateTimeOffset At, List<AuditEntry>? Audit = null);
