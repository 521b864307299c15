namespace IntakeBot.Cases;

/// <summary>A case decided by a submit, kept in the conversation's state by the turn's commit and
/// written to blob storage after it (idempotently, so a turn that finds one left behind by a process
/// that stopped in between can write it again); removed from the state once written.</summary>
public sealed record PendingCase
{
    public required CaseRecord Record { get; init; }

    public List<TranscriptEntry> Transcript { get; init; } = [];

    /// <summary>Evidence blobs taken out of the draft before it was submitted, deleted when the case is
    /// written (again harmlessly when it is written again).</summary>
    public List<string> RemovedEvidence { get; init; } = [];
}
