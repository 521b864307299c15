using System.ComponentModel.DataAnnotations;

namespace IntakeBot.Responders;

/// <summary>How hard the bot tries to reach a case owner in Teams.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Tries per message before it is given up (and logged, without content).</summary>
    [Range(1, 20, ErrorMessage = "Notifications:MaxAttempts must be between 1 and 20.")]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second try; it doubles for each try after that.</summary>
    [Range(10, 600_000, ErrorMessage = "Notifications:FirstRetryDelayMilliseconds must be between 10 and 600000.")]
    public int FirstRetryDelayMilliseconds { get; set; } = 2_000;
}
