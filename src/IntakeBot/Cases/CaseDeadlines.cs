using IntakeBot.Cases;

namespace IntakeBot.Cases;

/// <summary>The rules for a case's deadlines in one place: which are still running, meeting one, and
/// the next reminder. Only an open case (submitted, not yet closed) has running deadlines.</summary>
public static class CaseDeadlines
{
    /// <summary>The deadlines still to be met, or none when the case is not open. A deadline of a kind
    /// written by a newer version is left to that version: this one cannot say what meets it.</summary>
    public static IEnumerable<CaseDeadline> Running(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Status.IsOpen() ? record.Deadlines.Where(d => !d.IsMet && d.Kind != DeadlineKind.Unknown) : [];
    }

    /// <summary>The deadline of <paramref name="kind"/> marked met; the list unchanged when it was met
    /// already or the case has none.</summary>
    public static List<CaseDeadline> Meet(IReadOnlyList<CaseDeadline> deadlines, DeadlineKind kind, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        return [.. deadlines.Select(d => d.Kind == kind && !d.IsMet ? d with { MetAt = now, MetBy = actor } : d)];
    }

    /// <summary>An open case submitted before deadlines existed, with the deadlines it would have had from
    /// its submission (<paramref name="fresh"/>): the acknowledgement met by its first status change, the
    /// feedback by the owner's first message. Any other case is returned as it is.</summary>
    public static CaseRecord Backfill(CaseRecord record, Func<DateTimeOffset, List<CaseDeadline>> fresh)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(fresh);
        if (!record.Status.IsOpen() || record.Deadlines.Count > 0 || record.SubmittedAt is not { } submitted)
        {
            return record;
        }

        var deadlines = fresh(submitted);
        if (record.StatusHistory.FirstOrDefault() is { } moved)
        {
            deadlines = Meet(deadlines, DeadlineKind.Acknowledge, moved.By, moved.At);
        }

        if (record.Messages.FirstOrDefault(m => m.From == CaseMessage.FromOwner) is { } feedback)
        {
            deadlines = Meet(deadlines, DeadlineKind.Feedback, feedback.By, feedback.At);
        }

        return record with { Deadlines = deadlines };
    }

    /// <summary>When the case's next reminder is due, for the <c>remindAt</c> index tag.</summary>
    public static DateTimeOffset? NextReminder(CaseRecord record)
        => Running(record).Select(d => d.NextReminder).Where(at => at is not null).Min();
}
