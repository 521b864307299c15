namespace IntakeBot.Cases;

/// <summary>A change to a submitted case that a turn decided: kept in the conversation's state by the
/// turn's commit, applied to the case after it (<see cref="CaseChanges"/>), then taken out of the
/// state. Applying it again changes nothing: what it adds carries the activity id it came in, and a
/// status only moves forward. The turn's transcript lines for the case travel with it, so that a
/// process that stops between the commit and the write loses none of them.</summary>
public sealed record PendingChange
{
    public required string Reference { get; init; }

    public string? ActivityId { get; init; }

    public required string Actor { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>What a reporter added to their submitted case.</summary>
    public Addition? Addition { get; init; }

    /// <summary>Evidence stored in this turn (its blobs are written before the commit, named from the
    /// activity); the case's list gets them after it.</summary>
    public List<EvidenceItem> Evidence { get; init; } = [];

    /// <summary>The status the owner moves the case forward to.</summary>
    public CaseStatus? Status { get; init; }

    /// <summary>An owner's internal note.</summary>
    public string? Note { get; init; }

    /// <summary>The owner's one-line summary of the case, replacing the one before.</summary>
    public string? Summary { get; init; }

    /// <summary>An owner's message to the reporter; it meets the feedback deadline too.</summary>
    public string? OwnerMessage { get; init; }

    /// <summary>A reporter's reply to the owner's messages, added to the thread once.</summary>
    public string? ReporterReply { get; init; }

    /// <summary>Set when the reply was decided on a case already closed, within
    /// <c>Lifecycle:ClosedReplyWindow</c>: the closed thread takes it.</summary>
    public bool ReplyAfterClose { get; init; }

    /// <summary>Set for an owner's note or message: once it is written, colleagues the case is shared
    /// with get the case file again, and this owner is told if one of them no longer may.</summary>
    public string? RefreshSharedFor { get; init; }

    /// <summary>The roster entry the owner hands the case to. It changes hands only while it is still
    /// <see cref="TransferFrom"/>'s, so that it always has one owner and a second apply changes nothing.</summary>
    public string? TransferTo { get; init; }

    /// <summary>The roster entry that owned the case when the transfer was decided.</summary>
    public string? TransferFrom { get; init; }

    /// <summary>The reporter of a confidential case shows who they are to its owners (<c>reveal</c>, confirmed).</summary>
    public Reporter? Reveal { get; init; }

    /// <summary>An owner's request to see who reported the confidential case.</summary>
    public IdentityRequest? IdentityRequest { get; init; }

    /// <summary>A custodian's decision on the case's pending identity request.</summary>
    public IdentityDecision? IdentityDecision { get; init; }

    /// <summary>Something the reporter wrote to the submitted case suggests that someone may not be safe.</summary>
    public bool SafetyConcern { get; init; }

    /// <summary>With <see cref="SafetyConcern"/>: when the case must be acknowledged by now that the concern
    /// is raised (<c>Lifecycle:UrgentAcknowledgement</c> from the turn), decided by the turn; an unmet
    /// acknowledgement due later is brought forward to it when the flag is first set.</summary>
    public DateTimeOffset? UrgentAcknowledgeBy { get; init; }

    public List<TranscriptEntry> Transcript { get; init; } = [];
}
