using System.ComponentModel.DataAnnotations;

namespace IntakeBot.Responders;

/// <summary>How hard the bot tries to reach a case owner (or a reporter) in Teams, and how often every
/// process looks in the outbox for messages that another (or a stopped) process left.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Tries per message before it is given up (and logged, without content).</summary>
    [Range(1, 20, ErrorMessage = "Notifications:MaxAttempts must be between 1 and 20.")]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second try; it doubles for each try after that.</summary>
    [Range(10, 600_000, ErrorMessage = "Notifications:FirstRetryDelayMilliseconds must be between 10 and 600000.")]
    public int FirstRetryDelayMilliseconds { get; set; } = 2_000;

    /// <summary>How often each process lists the outbox for messages that are due.</summary>
    [Range(100, 3_600_000, ErrorMessage = "Notifications:ScanIntervalMilliseconds must be between 100 and 3600000.")]
    public int ScanIntervalMilliseconds { get; set; } = 15_000;

    /// <summary>How long a new message is left to the process whose turn decided it (which sends it at
    /// once) before any process's scan may take it.</summary>
    [Range(0, 600_000, ErrorMessage = "Notifications:ClaimAfterMilliseconds must be between 0 and 600000.")]
    public int ClaimAfterMilliseconds { get; set; } = 30_000;

    /// <summary>The blob lease a process holds on an entry while it tries it (renewed as the attempt
    /// runs): the longest a process that died mid-attempt keeps everyone else from that entry. Azure
    /// takes 15 to 60 seconds; the longest is the safest against a slow storage renewal.</summary>
    [Range(15, 60, ErrorMessage = "Notifications:LeaseSeconds must be between 15 and 60.")]
    public int LeaseSeconds { get; set; } = 60;
}
