
using IntakeBot.Storage;
namespace IntakeBot.Cases;

/// <summary>A person as Teams identified them.</summary>
public sealed record Reporter(string TeamsId, string AadObjectId, string? Name);

/// <summary>A change of a case's status: to what, by whom (object id or roster entry), when.</summary>
public sealed record StatusChange(CaseStatus Status, string By, DateTimeOffset At);

/// <summary>An owner's internal note: kept in the case, shown to owners, never to the reporter. The
/// activity id of the message it came in makes writing it again change nothing.</summary>
public sealed record CaseNote(DateTimeOffset At, string By, string Text, string? ActivityId = null);

/// <summary>Something a reporter added to their case after submitting it; the activity id of the
/// message it came in makes writing it again (after a crash, or by the next turn) change nothing.</summary>
public sealed record Addition(DateTimeOffset At, string AddedBy, string Text, string? ActivityId = null);

/// <summary>The stored case: <c>cases/IR-…/case.json</c>.</summary>
public sealed record CaseRecord
{
    public required string Reference { get; init; }

    public CaseKind Kind { get; init; } = CaseKind.SelfReport;

    /// <summary>Whether the people handling the case see who reported it: null (not written) for a named
    /// case, so that a case stored before the choice existed is written back as it was.</summary>
    public IdentityChoice? Identity { get; init; }

    public CaseStatus Status { get; init; } = CaseStatus.Draft;

    public string Classification { get; init; } = IntakeBot.Storage.Classification.HighlyConfidential;

    /// <summary>The reporter, for a self-report; null for a report taken by a responder, whose
    /// reporter is whoever the responder entered in the answers. For a confidential case every field
    /// holds the pseudonym, so that whatever shows the reporter shows that; who it is is sealed in
    /// <see cref="SealedReporter"/>.</summary>
    public Reporter? Reporter { get; init; }

    /// <summary>A confidential case's reporter, sealed; null for a named case.</summary>
    public SealedReporter? SealedReporter { get; init; }

    /// <summary>Who reported a confidential case, once they chose to show it to its owners (<c>reveal</c>);
    /// null (and not written) until then.</summary>
    public Reporter? RevealedReporter { get; init; }

    /// <summary>Owners' requests to see who reported a confidential case, oldest first; null (and not
    /// written) until the first. What is shown is decided from them on every read, never stored in clear.</summary>
    public List<IdentityRequest>? IdentityRequests { get; init; }

    /// <summary>The latest identity request still waiting for a custodian, if any.</summary>
    public IdentityRequest? PendingIdentityRequest() => IdentityRequests?.LastOrDefault() is { Decision: null } pending ? pending : null;

    /// <summary>The responder who took the report, for a report taken by a responder.</summary>
    public Reporter? TakenBy { get; init; }

    /// <summary>The roster entry (AAD object id or UPN, lower case) of the person who owns the case.</summary>
    public required string Owner { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>Something the person wrote, or their answer to "are you safe right now", suggests that
    /// someone may not be safe: the case comes first for its owner, with the urgent acknowledgement deadline.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool SafetyConcern { get; init; }

    /// <summary>The reporter's closed case whose harm happened again, for a follow-on report started from
    /// it (<c>again IR-…</c>): the same owner has it, and both cards link the two.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? FollowsOn { get; init; }

    /// <summary>The owner's one line about the case (<c>summary IR-… text</c>, or the tab), so that a long
    /// list is told apart at a glance; null (and not written) until the owner writes one.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Summary { get; init; }

    public IntakeAnswers Answers { get; init; } = new();

    public List<Addition> Additions { get; init; } = [];

    public List<EvidenceItem> Evidence { get; init; } = [];

    /// <summary>People the owner has given access to; empty means only the owner.</summary>
    public List<AccessGrant> Access { get; init; } = [];

    /// <summary>The shared folder of the case file, once it was first shared.</summary>
    public SharedFolder? Shared { get; init; }

    /// <summary>When the owner closed the case; its retention period runs from here.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>A legal hold, while one is on: the case does not expire and cannot be deleted.</summary>
    public CaseHold? Hold { get; init; }

    /// <summary>Every status change after submission, oldest first.</summary>
    public List<StatusChange> StatusHistory { get; init; } = [];

    /// <summary>The owners' internal notes, oldest first; never shown to the reporter.</summary>
    public List<CaseNote> Notes { get; init; } = [];

    /// <summary>The follow-up thread between owner and reporter, oldest first.</summary>
    public List<CaseMessage> Messages { get; init; } = [];

    /// <summary>When the reporter last read the thread with <c>view</c>; an owner's message after it is unread.</summary>
    public DateTimeOffset? ReporterReadAt { get; init; }

    /// <summary>True when the owner wrote to the reporter since the reporter last looked.</summary>
    public bool HasUnreadForReporter() => Messages.Any(m => m.From == CaseMessage.FromOwner && (ReporterReadAt is null || m.At > ReporterReadAt));

    /// <summary>The follow-up deadlines set at submission (acknowledge, feedback), with their reminders.</summary>
    public List<CaseDeadline> Deadlines { get; init; } = [];

    /// <summary>Where the lines of the latest changes went in the transcript (<see cref="TranscriptMark"/>),
    /// newest last; the oldest drop out once there are <see cref="CaseChanges.KeptMarks"/>. Null (and
    /// not written) until the first change, so that a record no change touched is stored as before.</summary>
    public List<TranscriptMark>? TranscriptMarks { get; init; }
}
