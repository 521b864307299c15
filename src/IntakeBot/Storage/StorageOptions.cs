using System.ComponentModel.DataAnnotations;

namespace IntakeBot.Storage;

/// <summary>Where cases and bot state are kept. Give either a connection string (Azurite, or a key
/// for an account) or an account URL, which is reached with the app's Azure identity.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    public Uri? AccountUrl { get; set; }

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Storage:CasesContainer must be a valid blob container name (3-63 lowercase letters, digits and single hyphens).")]
    public string CasesContainer { get; set; } = "cases";

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Storage:StateContainer must be a valid blob container name (3-63 lowercase letters, digits and single hyphens).")]
    public string StateContainer { get; set; } = "botstate";

    /// <summary>How often a failed storage call is tried again before the person is told their message
    /// was not saved; the delay doubles from <see cref="RetryDelayMilliseconds"/>.</summary>
    [Range(0, 10, ErrorMessage = "Storage:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 3;

    [Range(0, 60_000, ErrorMessage = "Storage:RetryDelayMilliseconds must be between 0 and 60000.")]
    public int RetryDelayMilliseconds { get; set; } = 800;

    /// <summary>How long a state write whose outcome is unknown (storage stopped answering mid-write) is
    /// read back before the person is told that it is not known yet whether their message was saved.</summary>
    [Range(0, 120_000, ErrorMessage = "Storage:ReadBackMilliseconds must be between 0 and 120000.")]
    public int ReadBackMilliseconds { get; set; } = 15_000;

    /// <summary>The secret (base64, at least 32 bytes) that keys the owner and reporter index tags, so
    /// that a tag never names a person and cannot be matched against a directory without it. Required
    /// outside Development; changing it hides existing cases from lists until they are tagged again.</summary>
    public string? IndexKey { get; set; }
}
