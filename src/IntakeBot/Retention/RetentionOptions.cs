using IntakeBot.Cases;

namespace IntakeBot.Retention;

/// <summary>How long the bot keeps drafts, closed cases and storage backups, as the operator sets them
/// (<c>Retention:</c>). Durations are ISO-8601 (<c>P30D</c>, <c>PT1H</c>) or <c>d.hh:mm:ss</c>; they are
/// strings here because configuration binding reads only the second form, and
/// <see cref="RetentionOptionsValidator"/> stops start-up on any that does not parse.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>An untouched draft is deleted this long after its last change.</summary>
    public string DraftRetention { get; set; } = "P30D";

    /// <summary>A closed case is deleted this long after it was closed, unless it is on hold.</summary>
    public string ClosedCaseRetention { get; set; } = "P365D";

    /// <summary>How long storage keeps soft-deleted blobs and previous versions; must match infra/.</summary>
    public string BackupRetention { get; set; } = "P7D";

    public string SweepInterval { get; set; } = "PT1H";

    /// <summary>Individuals (AAD object ids) who may put any case on hold and release it, besides its owner.</summary>
    public List<string> HoldRoles { get; set; } = [];

    /// <summary>Private container for the tombstones and the sweeper's lease.</summary>
    public string Container { get; set; } = "retention";

    /// <summary>The periods, parsed. Call only on validated options.</summary>
    public RetentionPeriods Periods() => new(
        RetentionDuration.Parse(DraftRetention),
        RetentionDuration.Parse(ClosedCaseRetention),
        RetentionDuration.Parse(BackupRetention),
        RetentionDuration.Parse(SweepInterval));
}
