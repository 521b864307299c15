using IntakeBot.Cases;

namespace IntakeBot.Cases;

/// <summary>The rules for a case's deadlines in one place: which are still running, meeting one, and
/// the next reminder. Only an open case (submitted, not yet closed) has running deadlines.</summary>
public static class CaseDeadlines
{
    /// <summary>The deadlines still to be met, or none when the case is not open.</summary>
    public static IEnumerable<CaseDeadline> Running(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return CaseStatuses.IsOpen(record.Status) ? record.Deadlines.Where(d => !d.IsMet) : [];
    }

    /// <summary>The deadline of <paramref name="kind"/> marked met; the list unchanged when it was met
    /// already or the case has none.</summary>
    public static List<CaseDeadline> Meet(IReadOnlyList<CaseDeadline> deadlines, string kind, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        return [.. deadlines.Select(d => d.Kind == kind && !d.IsMet ? d with { MetAt = now, MetBy = actor } : d)];
    }

    /// <summary>When the case's next reminder is due, for the <c>remindAt</c> index tag.</summary>
    public static DateTimeOffset? NextReminder(CaseRecord record)
        => Running(record).Select(d => d.NextReminder).Where(at => at is not null).Min();
}
