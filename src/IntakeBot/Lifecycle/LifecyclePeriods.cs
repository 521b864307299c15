using IntakeBot.Cases;

namespace IntakeBot.Lifecycle;

/// <summary>The configured follow-up periods, parsed and validated.</summary>
public sealed record LifecyclePeriods(TimeSpan AcknowledgeWithin, TimeSpan FeedbackWithin, TimeSpan RemindBefore, TimeSpan ReminderInterval, TimeSpan UrgentAcknowledgement) : IDeadlineSchedule
{
    /// <summary>The deadlines a case submitted at <paramref name="submittedAt"/> gets. They are kept in the
    /// case, so that changing the settings later moves no deadline a reporter may already rely on.</summary>
    public List<CaseDeadline> For(DateTimeOffset submittedAt) => For(submittedAt, safetyConcern: false);

    /// <summary>The deadlines, with the urgent acknowledgement for a case flagged as a safety concern. Its
    /// reminder comes half way when the usual notice before the deadline would come before submission.</summary>
    public List<CaseDeadline> For(DateTimeOffset submittedAt, bool safetyConcern)
    {
        var acknowledge = safetyConcern ? UrgentAcknowledgement : AcknowledgeWithin;
        var remind = RemindBefore < acknowledge ? acknowledge - RemindBefore : acknowledge / 2;
        return
        [
            new(DeadlineKind.Acknowledge, submittedAt + acknowledge, submittedAt + remind),
            new(DeadlineKind.Feedback, submittedAt + FeedbackWithin, submittedAt + FeedbackWithin - RemindBefore),
        ];
    }
}
