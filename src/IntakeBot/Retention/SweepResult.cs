namespace IntakeBot.Retention;

/// <summary>What one sweep did. <see cref="Ran"/> is false when another process held the lease.</summary>
public sealed record SweepResult(bool Ran, int CasesDeleted, int DraftsDeleted, int Held);
