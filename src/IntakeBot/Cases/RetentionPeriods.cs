namespace IntakeBot.Cases;

/// <summary>The configured retention periods, parsed and validated.</summary>
public sealed record RetentionPeriods(TimeSpan Draft, TimeSpan ClosedCase, TimeSpan Backup, TimeSpan SweepInterval);
