namespace IntakeBot.Retention;

public enum PurgeOutcome
{
    /// <summary>Everything is gone and the tombstone is written.</summary>
    Deleted,

    /// <summary>On legal hold: nothing was deleted.</summary>
    Held,

    /// <summary>No such case (or nothing of it left).</summary>
    NotFound,

    /// <summary>The case changed while the purge was deciding; nothing was deleted.</summary>
    Changed,
}
