namespace IntakeBot.Cases;

/// <summary>What a list of cases shows (<c>cases</c>, <c>my reports</c>) and what the background passes
/// (reminders, the retention sweep and purges) need to pick or delete a case, read from <c>case.json</c> alone. Apart from the owner's one-line
/// <see cref="Summary"/> (short enough that <c>case.json</c> always holds it), it has no field for anything a person wrote, so a
/// list can never show a long text's blob reference in place of the text, and it cannot be written back
/// as a case: the whole record is read (with every long text) only where a case is shown or changed.</summary>
public sealed record CaseSummary
{
    public required string Reference { get; init; }

    public required CaseKind Kind { get; init; }

    public required CaseStatus Status { get; init; }

    /// <summary>The roster entry of the owner.</summary>
    public required string Owner { get; init; }

    /// <summary>The reporter's AAD object id, for a self-report.</summary>
    public string? ReporterAadObjectId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The closed case this one follows on from (<see cref="CaseRecord.FollowsOn"/>).</summary>
    public string? FollowsOn { get; init; }

    /// <summary>The case is flagged as a safety concern (<see cref="CaseRecord.SafetyConcern"/>).</summary>
    public bool SafetyConcern { get; init; }

    /// <summary>A safety concern on a case still open: it comes first for its owner, and is marked.</summary>
    public bool OpenSafetyConcern => SafetyConcern && Status.IsOpen();

    /// <summary>True while the case is on legal hold: it never expires and nobody can delete it.</summary>
    public bool IsHeld { get; init; }

    /// <summary>The case's folder in the drive, once it was first shared: a purge removes it.</summary>
    public string? SharedFolderId { get; init; }

    /// <summary>How many evidence items the case has, for the tombstone of its purge.</summary>
    public int EvidenceCount { get; init; }

    /// <summary>How many people the owner has given access to.</summary>
    public int AccessCount { get; init; }

    /// <summary>True when the owner wrote to the reporter since the reporter last looked.</summary>
    public bool HasUnreadForReporter { get; init; }

    /// <summary>The deadlines still to be met (<see cref="CaseDeadlines.Running"/>).</summary>
    public IReadOnlyList<CaseDeadline> RunningDeadlines { get; init; } = [];

    /// <summary>The reporter asked not to be contacted.</summary>
    public bool NoContact { get; init; }

    /// <summary>When anything last changed on the case.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the case was first acknowledged, if it was.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>The reporter wrote last in the thread: the owner has not answered yet.</summary>
    public bool AwaitingOwnerReply { get; init; }

    /// <summary>The owner's one line about the case (<see cref="CaseRecord.Summary"/>), for the owner's lists;
    /// at most 200 characters, so never moved out to a text blob (<see cref="CaseTexts.Threshold"/>).</summary>
    public string? Summary { get; init; }

    /// <summary>The summary of <paramref name="record"/>, which may have been read with its long texts
    /// left out (<see cref="CaseTexts.FactsOnly"/>): none of them is carried over.</summary>
    public static CaseSummary Of(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new CaseSummary
        {
            Reference = record.Reference,
            Kind = record.Kind,
            Status = record.Status,
            Owner = record.Owner,
            ReporterAadObjectId = record.Reporter?.AadObjectId,
            CreatedAt = record.CreatedAt,
            SubmittedAt = record.SubmittedAt,
            ClosedAt = record.ClosedAt,
            SafetyConcern = record.SafetyConcern,
            FollowsOn = record.FollowsOn,
            IsHeld = record.Hold is not null,
            SharedFolderId = record.Shared?.FolderId,
            EvidenceCount = record.Evidence.Count,
            AccessCount = record.Access.Count,
            HasUnreadForReporter = record.HasUnreadForReporter(),
            RunningDeadlines = [.. CaseDeadlines.Running(record)],
            NoContact = record.Answers.NoContact,
            UpdatedAt = record.UpdatedAt,
            AcknowledgedAt = record.StatusHistory.Find(c => c.Status == CaseStatus.Acknowledged)?.At,
            AwaitingOwnerReply = record.Messages.Count > 0 && record.Messages[^1].From == CaseMessage.FromReporter,
            Summary = record.Summary,
        };
    }
}
