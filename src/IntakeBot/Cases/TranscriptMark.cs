namespace IntakeBot.Cases;

/// <summary>Kept in <c>case.json</c> by the conditional write that applies a change: the transcript's
/// length (<paramref name="From"/>) before the change's lines could be appended. Whoever applies the
/// change (the turn, its redelivery, a later turn, the background pass) finds its lines, if they are
/// there, after that byte, so the check reads only what was appended since, not the whole transcript.</summary>
public sealed record TranscriptMark(string ActivityId, long From, DateTimeOffset At);
