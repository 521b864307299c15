using Microsoft.Extensions.Options;

namespace IntakeBot.Responders;

/// <summary>Checks the Bot Framework keys at start-up, when an app id is set. The Bot Framework reads a
/// misspelled <c>MicrosoftAppType</c> as MultiTenant without a word, and a missing tenant id or password
/// only fails when the first reply is sent: here each stops start-up with a message naming the key
/// (never its value).</summary>
public sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    private const string MultiTenant = "MultiTenant";
    private const string SingleTenant = "SingleTenant";
    private const string UserAssignedMsi = "UserAssignedMSI";

    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.HasCredentials)
        {
            // Unauthenticated, Development only: BotAuthentication decides whether that may start.
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Guid.TryParse(options.MicrosoftAppId.Trim(), out _))
        {
            failures.Add("MicrosoftAppId is not an Entra app (client) id: it must be a GUID, as shown on the Azure Bot resource's Configuration page, not the bot's name or handle.");
        }

        var type = options.MicrosoftAppType.Trim();
        if (type.Length > 0 && !new[] { MultiTenant, SingleTenant, UserAssignedMsi }.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"MicrosoftAppType must be {MultiTenant}, {SingleTenant} or {UserAssignedMsi}.");
        }

        var isMsi = string.Equals(type, UserAssignedMsi, StringComparison.OrdinalIgnoreCase);
        if ((isMsi || string.Equals(type, SingleTenant, StringComparison.OrdinalIgnoreCase)) && !Guid.TryParse(options.MicrosoftAppTenantId.Trim(), out _))
        {
            failures.Add($"MicrosoftAppTenantId must be the tenant id (a GUID, not a domain name) when MicrosoftAppType is {(isMsi ? UserAssignedMsi : SingleTenant)}.");
        }

        if (isMsi && options.HasPassword)
        {
            failures.Add($"MicrosoftAppPassword must be empty when MicrosoftAppType is {UserAssignedMsi}: the managed identity signs the bot in.");
        }
        else if (!isMsi && !options.HasPassword)
        {
            failures.Add($"MicrosoftAppPassword is required when MicrosoftAppId is set (unless MicrosoftAppType is {UserAssignedMsi}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
