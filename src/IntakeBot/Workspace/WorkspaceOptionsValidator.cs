using Microsoft.Extensions.Options;

namespace IntakeBot.Workspace;

/// <summary>Statistics readers are object ids (a UPN or a group name would never match a token's
/// <c>oid</c>, and silently let nobody in); a page holds at least one case.</summary>
public sealed class WorkspaceOptionsValidator : IValidateOptions<WorkspaceOptions>
{
    public const int MaxPageSize = 500;

    public ValidateOptionsResult Validate(string? name, WorkspaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.InsightsRoles
            .Select((id, i) => (id, i))
            .Where(e => !Guid.TryParse(e.id?.Trim(), out _))
            .Select(e => $"Workspace:InsightsRoles:{e.i} is not an AAD object id (a GUID).")
            .ToList();
        if (!string.IsNullOrWhiteSpace(options.TeamsAppId) && !Guid.TryParse(options.TeamsAppId.Trim(), out _))
        {
            failures.Add("Workspace:TeamsAppId is not the Teams app's id (a GUID).");
        }

        if (options.PageSize is < 1 or > MaxPageSize)
        {
            failures.Add($"Workspace:PageSize must be between 1 and {MaxPageSize}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
