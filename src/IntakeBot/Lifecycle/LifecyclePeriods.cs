using IntakeBot.Cases;

namespace IntakeBot.Lifecycle;

/// <summary>The configured follow-up periods, parsed and validated.</summary>
public sealed record LifecyclePeriods(TimeSpan AcknowledgeWithin, TimeSpan FeedbackWithin, TimeSpan RemindBefore, TimeSpan ReminderInterval) : IDeadlineSchedule
{
    /// <summary>The deadlines a case submitted at <paramref name="submittedAt"/> gets. They are kept in the
    /// case, so that changing the settings later moves no deadline a reporter may already rely on.</summary>
    public List<CaseDeadline> For(DateTimeOffset submittedAt) =>
    [
        new(DeadlineKind.Acknowledge, submittedAt + AcknowledgeWithin, submittedAt + AcknowledgeWithin - RemindBefore),
        new(DeadlineKind.Feedback, submittedAt + FeedbackWithin, submittedAt + FeedbackWithin - RemindBefore),
    ];
}
