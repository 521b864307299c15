using Microsoft.Extensions.Options;

namespace IntakeBot.Workspace;

/// <summary>A workspace half configured would refuse every owner with a 401 and no hint why: each key
/// is checked at start-up and named.</summary>
public sealed class WorkspaceSignInOptionsValidator : IValidateOptions<WorkspaceSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkspaceSignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Instance, UriKind.Absolute, out var instance) || instance.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add("AzureAd:Instance must be the authority's https address, such as https://login.microsoftonline.com/.");
        }

        if (!Guid.TryParse(options.TenantId, out _))
        {
            failures.Add("AzureAd:TenantId must be the tenant's id (a GUID).");
        }

        if (!Guid.TryParse(options.ClientId, out _))
        {
            failures.Add("AzureAd:ClientId must be the app registration's client id (a GUID).");
        }

        if (!Uri.TryCreate(options.Audience, UriKind.Absolute, out var audience) || audience.Scheme != "api"
            || !audience.AbsolutePath.TrimEnd('/').EndsWith("/" + options.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("AzureAd:Audience must be the Application ID URI api://<host>/<client id>, ending with AzureAd:ClientId.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
