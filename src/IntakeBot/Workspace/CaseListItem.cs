using IntakeBot.Cases;

namespace IntakeBot.Workspace;

/// <summary>One line of the owner's list: facts and flags, and the one-line <paramref name="Summary"/> the
/// owner wrote (null until they do); nothing else anyone wrote.</summary>
public sealed record CaseListItem(
    string Reference,
    CaseKind Kind,
    CaseStatus Status,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset LastActivity,
    bool SafetyConcern,
    bool NoContact,
    bool NeedsReply,
    bool Held,
    IReadOnlyList<DeadlineItem> Deadlines,
    string? Summary)
{
    public bool Overdue => Deadlines.Any(d => d.Overdue);
}
