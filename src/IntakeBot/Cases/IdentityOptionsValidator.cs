using IntakeBot.Storage;
using Microsoft.Extensions.Options;

namespace IntakeBot.Cases;

/// <summary>Stops start-up, naming the key, when confidential reporting is on without what it needs: a
/// key-encryption key (Key Vault outside Development; a local key of 32 bytes in Development) and at
/// least one custodian.</summary>
public sealed class IdentityOptionsValidator(IHostEnvironment environment) : IValidateOptions<IdentityOptions>
{
    public const int LocalKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.LocalKey))
        {
            if (StorageOptionsValidator.TryDecode(options.LocalKey) is not { Length: LocalKeyBytes })
            {
                failures.Add("Identity:LocalKey must be base64 of exactly 32 bytes (for example: openssl rand -base64 32).");
            }

            if (!environment.IsDevelopment())
            {
                failures.Add("Identity:LocalKey is for Development only; set Identity:KeyId to a Key Vault key instead.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.KeyId)
            && !(Uri.TryCreate(options.KeyId, UriKind.Absolute, out var keyId) && keyId.Scheme == Uri.UriSchemeHttps && keyId.AbsolutePath.StartsWith("/keys/", StringComparison.Ordinal)))
        {
            failures.Add("Identity:KeyId must be the https URL of a Key Vault key (https://<vault>.vault.azure.net/keys/<name>).");
        }

        if (options.Confidential)
        {
            if (string.IsNullOrWhiteSpace(options.KeyId) && string.IsNullOrWhiteSpace(options.LocalKey))
            {
                failures.Add("Identity:Confidential needs Identity:KeyId (a Key Vault key), or Identity:LocalKey in Development.");
            }

            if (!options.Custodians.Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                failures.Add("Identity:Confidential needs at least one Identity:Custodians entry (an AAD object id).");
            }
        }

        if (options.NoticeHours is < 0 or > 24 * 90)
        {
            failures.Add("Identity:NoticeHours must be between 0 and 2160 (90 days).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
