namespace IntakeBot.Cases;

/// <summary>A legal hold on a case: who put it on, when, and in which capacity (<see cref="HoldCapacity"/>;
/// null on a hold written before capacities were kept, which is read as the owner's). While it is on, the
/// case never expires and nobody can delete it.</summary>
public sealed record CaseHold(string By, DateTimeOffset At, string? Capacity = null);
