using IntakeBot.Cases;

namespace IntakeBot.Workspace;

/// <summary>A deadline still to be met, and whether it has passed.</summary>
public sealed record DeadlineItem(DeadlineKind Kind, DateTimeOffset Due, bool Overdue);
