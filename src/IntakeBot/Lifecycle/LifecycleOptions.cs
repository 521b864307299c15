using IntakeBot.Retention;

namespace IntakeBot.Lifecycle;

/// <summary>The follow-up deadlines of a submitted case and the owners' reminders of them
/// (<c>Lifecycle:</c>). Durations are ISO-8601 (<c>P7D</c>, <c>PT12H</c>) or <c>d.hh:mm:ss</c>, as for
/// retention; <see cref="LifecycleOptionsValidator"/> stops start-up on any that does not parse.</summary>
public sealed class LifecycleOptions
{
    public const string Section = "Lifecycle";

    /// <summary>From submission until the case should be acknowledged (the EU Whistleblowing Directive asks for 7 days).</summary>
    public string AcknowledgeWithin { get; set; } = "P7D";

    /// <summary>From submission until a case flagged as a safety concern should be acknowledged.</summary>
    public string UrgentAcknowledgement { get; set; } = "P1D";

    /// <summary>From submission until the reporter should have had feedback (the Directive asks for three months).</summary>
    public string FeedbackWithin { get; set; } = "P90D";

    /// <summary>How long before each deadline the owner is reminded of it; they are reminded again when it passes.</summary>
    public string RemindBefore { get; set; } = "P2D";

    /// <summary>How often the reminder pass looks for reminders that are due.</summary>
    public string ReminderInterval { get; set; } = "PT1H";

    /// <summary>The longest message an owner or a reporter can send in the follow-up thread; a longer one
    /// is refused with a clear answer (Teams allows far longer messages than anyone reads in a thread).</summary>
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>How long after a case is closed its reporter can still send a message to its owner.</summary>
    public string ClosedReplyWindow { get; set; } = "P30D";

    /// <summary><see cref="ClosedReplyWindow"/>, parsed. Call only on validated options.</summary>
    public TimeSpan ClosedReplies() => RetentionDuration.Parse(ClosedReplyWindow);

    /// <summary>The periods, parsed. Call only on validated options.</summary>
    public LifecyclePeriods Periods() => new(
        RetentionDuration.Parse(AcknowledgeWithin),
        RetentionDuration.Parse(FeedbackWithin),
        RetentionDuration.Parse(RemindBefore),
        RetentionDuration.Parse(ReminderInterval),
        RetentionDuration.Parse(UrgentAcknowledgement));
}
