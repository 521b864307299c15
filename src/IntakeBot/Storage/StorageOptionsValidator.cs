using Microsoft.Extensions.Options;

namespace IntakeBot.Storage;

/// <summary>Checks at start-up what the attributes on <see cref="StorageOptions"/> cannot: that the
/// account is named (by connection string or URL), and <see cref="StorageOptions.IndexKey"/>: outside
/// Development it must be set, and when set it must be base64 of at least 32 bytes (the HMAC-SHA256
/// block it keys).</summary>
public sealed class StorageOptionsValidator(IHostEnvironment environment) : IValidateOptions<StorageOptions>
{
    public const int MinimumIndexKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.AccountUrl is null && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Set Storage:ConnectionString or Storage:AccountUrl.");
        }

        if (string.IsNullOrWhiteSpace(options.IndexKey))
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Set Storage:IndexKey to a secret of at least 32 random bytes, base64-encoded (for example: openssl rand -base64 32). It keys the case index tags.");
        }

        return TryDecode(options.IndexKey) is { Length: >= MinimumIndexKeyBytes }
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Storage:IndexKey must be base64 of at least 32 bytes (for example: openssl rand -base64 32).");
    }

    internal static byte[]? TryDecode(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) ? buffer[..written] : null;
    }
}
