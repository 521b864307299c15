using System.ComponentModel.DataAnnotations;

namespace IntakeBot.Health;

/// <summary>How long readiness may take before the instance is reported not ready.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Each readiness check gives up after this long, storage retries included.</summary>
    [Range(1, 60, ErrorMessage = "Health:ReadyTimeoutSeconds must be between 1 and 60.")]
    public int ReadyTimeoutSeconds { get; set; } = 5;
}
