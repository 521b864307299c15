using System.ComponentModel.DataAnnotations;

namespace IntakeBot.Cases;

/// <summary>How the background pass that tags cases written before the index runs.</summary>
public sealed class CaseIndexOptions
{
    public const string Section = "CaseIndex";

    /// <summary>Cases tagged at once. Each takes three small storage calls; more at once means a shorter
    /// pass and more load on the storage account while it runs.</summary>
    [Range(1, 256, ErrorMessage = "CaseIndex:TaggingParallelism must be between 1 and 256.")]
    public int TaggingParallelism { get; set; } = 64;

    /// <summary>How long an instance that finds another one running the pass waits before it looks again
    /// (if that instance stopped, its lease runs out within a minute and this one carries on).</summary>
    [Range(1, 3600, ErrorMessage = "CaseIndex:LeaseRetrySeconds must be between 1 and 3600.")]
    public int LeaseRetrySeconds { get; set; } = 60;
}
