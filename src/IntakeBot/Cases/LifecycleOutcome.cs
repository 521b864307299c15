namespace IntakeBot.Cases;

/// <summary>What a status change or a note did.</summary>
public enum LifecycleOutcome
{
    Changed,

    /// <summary>The case is already at that status, or past it.</summary>
    Already,

    /// <summary>The case is closed: its status no longer changes.</summary>
    Closed,

    /// <summary>No such case, or not this person's: the same answer for both.</summary>
    NotFound,
}
