using IntakeBot.Cases;

namespace IntakeBot.Conversation;

/// <summary>The intake in progress in one conversation, kept in conversation state beside the dialog
/// stack so that both are saved together at the end of every turn.</summary>
public sealed record IntakeDraft
{
    /// <summary>Set from the first answer on, when the draft case exists in blob storage.</summary>
    public string? CaseReference { get; set; }

    public string Kind { get; set; } = CaseKinds.SelfReport;

    /// <summary>For a report taken by a responder: the responder's roster entry, who will own it.</summary>
    public string? Owner { get; set; }

    public IntakeAnswers Answers { get; set; } = new();

    public bool Paused { get; set; }

    /// <summary>"stop" was said and the person was asked whether to keep the draft paused or delete it.</summary>
    public bool StopAsked { get; set; }

    /// <summary>Activities of the intake from before the case existed; written to its transcript
    /// when it is created.</summary>
    public List<TranscriptEntry> PendingTranscript { get; set; } = [];
}
