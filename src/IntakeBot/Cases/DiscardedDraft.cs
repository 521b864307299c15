namespace IntakeBot.Cases;

/// <summary>Marks a turn that discarded a draft: after its commit, the blobs written under the draft's
/// reference and earlier versions of the state blob are deleted. The commit keeps it in the state until
/// that is done (<see cref="At"/> set), so that a process that stops in between leaves it for the next
/// turn or the background pass instead of leaving the draft's evidence behind for good.</summary>
public sealed record DiscardedDraft(string? Reference)
{
    /// <summary>When the discard was committed.</summary>
    public DateTimeOffset At { get; init; }
}
