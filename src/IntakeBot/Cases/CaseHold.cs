namespace IntakeBot.Cases;

/// <summary>A legal hold on a case: who put it on and when. While it is on, the case never expires
/// and nobody can delete it.</summary>
public sealed record CaseHold(string By, DateTimeOffset At);
