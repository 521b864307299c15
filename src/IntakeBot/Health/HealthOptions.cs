using System.ComponentModel.DataAnnotations;

namespace IntakeBot.Health;

/// <summary>How long readiness may take before the instance is reported not ready, and how long its
/// result is reused.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Each readiness check gives up after this long, storage retries included.</summary>
    [Range(1, 60, ErrorMessage = "Health:ReadyTimeoutSeconds must be between 1 and 60.")]
    public int ReadyTimeoutSeconds { get; set; } = 5;

    /// <summary>A readiness result is reused for this long, so storage is written and a Graph token
    /// requested at most once an interval however often the endpoint is called.</summary>
    [Range(1, 300, ErrorMessage = "Health:ReadyIntervalSeconds must be between 1 and 300.")]
    public int ReadyIntervalSeconds { get; set; } = 10;
}
