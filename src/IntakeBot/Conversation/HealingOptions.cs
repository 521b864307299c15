using System.ComponentModel.DataAnnotations;

namespace IntakeBot.Conversation;

/// <summary>How the background pass finds work that a turn committed to its conversation's state but
/// did not write to the cases (its process stopped, or storage failed, right after the commit).</summary>
public sealed class HealingOptions
{
    public const string Section = "Healing";

    /// <summary>How long committed work (and its conversation's state) is left untouched before the
    /// pass writes it: the turn that committed it, or the person's next message, writes it first.</summary>
    [Range(0, 86_400_000, ErrorMessage = "Healing:GraceMilliseconds must be between 0 and 86400000.")]
    public int GraceMilliseconds { get; set; } = 120_000;

    /// <summary>How often each process looks for such work (one Find Blobs by Tags query).</summary>
    [Range(100, 3_600_000, ErrorMessage = "Healing:ScanIntervalMilliseconds must be between 100 and 3600000.")]
    public int ScanIntervalMilliseconds { get; set; } = 30_000;
}
