using IntakeBot.Cases;

namespace IntakeBot.Conversation;

/// <summary>The intake in progress in one conversation, kept in conversation state beside the dialog
/// stack so that both are saved together at the end of every turn. Until it is submitted, this is the
/// only place its answers, evidence list and transcript are kept: no case exists in blob storage.</summary>
public sealed record IntakeDraft
{
    /// <summary>Reserved (random) in the intake's first turn, so that evidence uploaded during the
    /// intake has its place under <c>IR-…/evidence/</c>; the case of that name is written at submit.</summary>
    public string? CaseReference { get; set; }

    public CaseKind Kind { get; set; } = CaseKind.SelfReport;

    /// <summary>Who will own the case when it is not the default owner: for a report taken by a responder,
    /// the responder's roster entry; for a follow-on, the owner of the case it follows on from.</summary>
    public string? Owner { get; set; }

    /// <summary>For a follow-on report: the reporter's closed case it follows on from; <see cref="Owner"/>
    /// is that case's owner.</summary>
    public string? FollowsOn { get; set; }

    public IntakeAnswers Answers { get; set; } = new();

    /// <summary>Whether the people handling the report see who made it; the reporter can change it until they submit.</summary>
    public IdentityChoice Identity { get; set; } = IdentityChoice.Named;

    /// <summary>Whether the people handling the report must not learn who made it: the reporter chose
    /// confidential, or, where confidential reporting is on (<paramref name="offered"/>), the person a
    /// responder takes a report from prefers not to say who they are.</summary>
    public bool KeepsReporterUnnamed(bool offered)
        => Identity == IdentityChoice.Confidential
            || (offered && Kind == CaseKind.TakenByResponder && Answers.ReportedByChoice == Cases.Answers.ReportedByAnswer.PrefersNotToSay);

    /// <summary>Evidence stored under the reserved reference; it becomes the case's list at submit.</summary>
    public List<EvidenceItem> Evidence { get; set; } = [];

    /// <summary>Blob names of evidence the person took out before submitting: deleted once the case
    /// is written (or with everything else under the reference when the draft is discarded).</summary>
    public List<string> RemovedEvidence { get; set; } = [];

    public bool Paused { get; set; }

    /// <summary>Something written in this conversation, or the answer to "are you safe right now",
    /// suggests that someone may not be safe; the case is flagged when it is submitted.</summary>
    public bool SafetyConcern { get; set; }

    /// <summary>A question the listener answered, held until the person says whether to keep it in
    /// the report ("Keep it in my report" / "No, just the answer"); dropped by any other message.</summary>
    public string? HeldQuestion { get; set; }

    /// <summary>A responder's note recorded a promise and was answered with the reminder about
    /// promises: it is given once a report.</summary>
    public bool PromiseReminded { get; set; }

    /// <summary>"stop" was said and the person was asked whether to keep the draft paused or delete it.</summary>
    public bool StopAsked { get; set; }

    /// <summary>Activities of the intake so far; they become the case's transcript at submit.</summary>
    public List<TranscriptEntry> PendingTranscript { get; set; } = [];
}
