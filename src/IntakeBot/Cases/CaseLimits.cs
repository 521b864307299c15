using System.ComponentModel.DataAnnotations;

namespace IntakeBot.Cases;

/// <summary>How far one case may grow, so that <c>case.json</c>, the conversation's state blob and the
/// cards built from them stay small. Reaching a limit gets the person a message saying so; everything they
/// sent before it is kept.</summary>
public sealed class CaseLimits
{
    public const string Section = "Limits";

    /// <summary>Messages in one account (the "what happened" part, or the responder's notes). The message
    /// that reaches it is kept and the intake goes on to the next question.</summary>
    [Range(1, 1000, ErrorMessage = "Limits:AccountMessages must be between 1 and 1000.")]
    public int AccountMessages { get; set; } = 100;

    /// <summary>Messages added to one submitted case with "add to".</summary>
    [Range(1, 1000, ErrorMessage = "Limits:AdditionsPerCase must be between 1 and 1000.")]
    public int AdditionsPerCase { get; set; } = 100;

    /// <summary>Files and pasted texts kept with one case, over the draft and every later addition.</summary>
    [Range(1, 1000, ErrorMessage = "Limits:EvidenceItemsPerCase must be between 1 and 1000.")]
    public int EvidenceItemsPerCase { get; set; } = 50;

    /// <summary>Bytes of evidence kept with one case, all items together; a file that would go over it is
    /// refused with how much room is left.</summary>
    [Range(1, 1L << 40, ErrorMessage = "Limits:EvidenceBytesPerCase must be a positive number of bytes.")]
    public long EvidenceBytesPerCase { get; set; } = 500L * 1024 * 1024;
}
