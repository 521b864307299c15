using Microsoft.Extensions.Options;

namespace IntakeBot.Bot;

/// <summary>Tenant ids must be GUIDs: Teams sends the tenant's GUID, never its domain name, so a domain
/// in the list would silently refuse everyone from that tenant.</summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var failures = options.AllowedTenantIds
            .Select((id, i) => (id, i))
            .Where(e => !Guid.TryParse(e.id?.Trim(), out _))
            .Select(e => $"Teams:AllowedTenantIds:{e.i} is not a tenant id (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47).")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
