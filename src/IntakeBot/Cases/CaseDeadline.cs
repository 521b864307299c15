namespace IntakeBot.Cases;

/// <summary>One follow-up deadline of a case: when it is due, when its owner is reminded of it, whether
/// it was met, and which reminders went out. The reminders are recorded here, in the same ETag-guarded
/// write that decides them, so that neither a restart nor a second process sends one twice.</summary>
public sealed record CaseDeadline(DeadlineKind Kind, DateTimeOffset Due, DateTimeOffset RemindFrom)
{
    public DateTimeOffset? MetAt { get; init; }

    /// <summary>Who met it (object id or roster entry).</summary>
    public string? MetBy { get; init; }

    /// <summary>When the reminder before the deadline was decided; null while it has not been.</summary>
    public DateTimeOffset? RemindedBefore { get; init; }

    /// <summary>When the reminder that the deadline passed was decided; null while it has not been.</summary>
    public DateTimeOffset? RemindedPassed { get; init; }

    public bool IsMet => MetAt is not null;

    /// <summary>When the next reminder of this deadline is due; null when it is met or both went out.
    /// A reminder "before" that was missed (the deadline passed first) is not sent late.</summary>
    public DateTimeOffset? NextReminder => (MetAt, RemindedBefore, RemindedPassed) switch
    {
        (not null, _, _) => null,
        (_, null, null) when RemindFrom < Due => RemindFrom,
        (_, _, null) => Due,
        _ => null,
    };
}
