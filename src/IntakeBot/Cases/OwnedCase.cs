using System.Text.Json.Serialization;

namespace IntakeBot.Cases;

/// <summary>One case in its owner's list (<see cref="OwnerLists"/>): the facts of <see cref="CaseSummary"/>
/// that a list shows or orders by, without the owner (the list's name is their keyed hash), the reporter's
/// id or the shared folder, and nothing anyone wrote but the owner's own one-line summary.</summary>
internal sealed record OwnedCase
{
    public required string Reference { get; init; }

    public required CaseKind Kind { get; init; }

    public required CaseStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? FollowsOn { get; init; }

    public bool SafetyConcern { get; init; }

    public bool IsHeld { get; init; }

    public int EvidenceCount { get; init; }

    public int AccessCount { get; init; }

    public bool HasUnreadForReporter { get; init; }

    public IReadOnlyList<CaseDeadline> RunningDeadlines { get; init; } = [];

    public bool NoContact { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public bool AwaitingOwnerReply { get; init; }

    public string? Summary { get; init; }

    /// <summary>A status, kind or deadline this version has no name for (a newer one wrote the case, or
    /// the list): the entry cannot say what the case is, so a list shows the case as read from it.</summary>
    [JsonIgnore]
    public bool FromAnotherVersion => Status == CaseStatus.Unknown || Kind == CaseKind.Unknown || RunningDeadlines.Any(d => d.Kind == DeadlineKind.Unknown);

    public static OwnedCase Of(CaseSummary c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new OwnedCase
        {
            Reference = c.Reference,
            Kind = c.Kind,
            Status = c.Status,
            CreatedAt = c.CreatedAt,
            SubmittedAt = c.SubmittedAt,
            ClosedAt = c.ClosedAt,
            FollowsOn = c.FollowsOn,
            SafetyConcern = c.SafetyConcern,
            IsHeld = c.IsHeld,
            EvidenceCount = c.EvidenceCount,
            AccessCount = c.AccessCount,
            HasUnreadForReporter = c.HasUnreadForReporter,
            RunningDeadlines = c.RunningDeadlines,
            NoContact = c.NoContact,
            UpdatedAt = c.UpdatedAt,
            AcknowledgedAt = c.AcknowledgedAt,
            AwaitingOwnerReply = c.AwaitingOwnerReply,
            Summary = c.Summary,
        };
    }

    /// <summary>The summary a list shows, as <paramref name="owner"/>'s.</summary>
    public CaseSummary For(string owner) => new()
    {
        Reference = Reference,
        Kind = Kind,
        Status = Status,
        Owner = owner,
        CreatedAt = CreatedAt,
        SubmittedAt = SubmittedAt,
        ClosedAt = ClosedAt,
        FollowsOn = FollowsOn,
        SafetyConcern = SafetyConcern,
        IsHeld = IsHeld,
        EvidenceCount = EvidenceCount,
        AccessCount = AccessCount,
        HasUnreadForReporter = HasUnreadForReporter,
        RunningDeadlines = RunningDeadlines,
        NoContact = NoContact,
        UpdatedAt = UpdatedAt,
        AcknowledgedAt = AcknowledgedAt,
        AwaitingOwnerReply = AwaitingOwnerReply,
        Summary = Summary,
    };
}
