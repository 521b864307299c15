namespace IntakeBot.Retention;

/// <summary>Who or what deleted a case, as written in the tombstone.</summary>
public static class DeletedBy
{
    public const string Sweeper = "sweeper";
    public const string Owner = "owner";
    public const string ReporterDiscard = "reporter-discard";
}
