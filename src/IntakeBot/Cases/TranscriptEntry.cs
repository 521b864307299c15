namespace IntakeBot.Cases;

/// <summary>One activity in or out during an intake, as one line of <c>transcript.jsonl</c>.</summary>
public sealed record TranscriptEntry(
    DateTimeOffset At,
    TranscriptDirection Direction,
    string Type,
    string? ActivityId,
    string? From,
    string? Text,
    IReadOnlyList<string>? Attachments);
