namespace IntakeBot.Cases;

/// <summary>How far one case may grow, so that <c>case.json</c>, the conversation's state blob and the
/// cards built from them stay small. Reaching a limit gets the person a message saying so; everything they
/// sent before it is kept. Checked at start-up by <see cref="CaseLimitsValidator"/>.</summary>
public sealed class CaseLimits
{
    public const string Section = "Limits";

    /// <summary>Messages in one account (the "what happened" part, or the responder's notes). The message
    /// that reaches it is kept and the intake goes on to the next question.</summary>
    public int AccountMessages { get; set; } = 100;

    /// <summary>Messages added to one submitted case with "add to".</summary>
    public int AdditionsPerCase { get; set; } = 100;

    /// <summary>Files and pasted texts kept with one case, over the draft and every later addition.</summary>
    public int EvidenceItemsPerCase { get; set; } = 50;

    /// <summary>Bytes of evidence kept with one case, all items together; a file that would go over it is
    /// refused with how much room is left.</summary>
    public long EvidenceBytesPerCase { get; set; } = 500L * 1024 * 1024;

    /// <summary>Owners' internal notes on one case.</summary>
    public int NotesPerCase { get; set; } = 200;

    /// <summary>Messages in one case's thread between owner and reporter, both directions together.</summary>
    public int MessagesPerCase { get; set; } = 200;

    /// <summary>People the owner may give access to one case file at a time; taking one away makes room.</summary>
    public int PeoplePerCase { get; set; } = 25;
}
