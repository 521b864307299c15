using IntakeBot.Cases;
using Microsoft.Graph.Models;

namespace IntakeBot.Sharing;

public enum FolderReadKind
{
    /// <summary>Through a permission of a folder or library above the case folder.</summary>
    Inherited,

    /// <summary>A direct permission for one user that the case did not record (for example when
    /// storage failed right after Graph made the grant).</summary>
    Unrecorded,

    /// <summary>Any other direct permission: a group, a sharing link, another application.</summary>
    Other,
}

/// <summary>Someone other than the app itself and the case's recorded grantees who, as Graph says,
/// can read a case folder.</summary>
public sealed record FolderReader(FolderReadKind Kind, string PermissionId, string? Name, string? UserId, string? Email, string? InheritedFrom)
{
    /// <summary>Everyone in these permissions who is neither the app (by its client id) nor a grantee
    /// the case recorded; whatever role they have, they can at least read.</summary>
    public static IReadOnlyList<FolderReader> Of(IEnumerable<Permission> permissions, IReadOnlyCollection<AccessGrant> grants, string? appId)
    {
        var granted = grants.Select(g => g.UserId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var readers = new List<FolderReader>();
        foreach (var permission in permissions)
        {
            var identities = permission.GrantedToV2;
            var user = identities?.User ?? permission.GrantedTo?.User;
            var application = identities?.Application ?? permission.GrantedTo?.Application;
            if (application?.Id is { } id && !string.IsNullOrEmpty(appId) && string.Equals(id, appId, StringComparison.OrdinalIgnoreCase) && user is null)
            {
                continue;
            }

            var email = permission.Invitation?.Email ?? (user?.AdditionalData.TryGetValue("email", out var value) == true ? value?.ToString() : null);
            var name = user?.DisplayName ?? identities?.SiteUser?.DisplayName ?? identities?.SiteGroup?.DisplayName ?? identities?.Group?.DisplayName ?? application?.DisplayName ?? email;
            if (permission.InheritedFrom is not null)
            {
                readers.Add(new(FolderReadKind.Inherited, permission.Id ?? string.Empty, name, user?.Id, email, permission.InheritedFrom.Path ?? permission.InheritedFrom.Name));
            }
            else if (user?.Id is { } userId && permission.Link is null)
            {
                if (!granted.Contains(userId))
                {
                    readers.Add(new(FolderReadKind.Unrecorded, permission.Id ?? string.Empty, name, userId, email, null));
                }
            }
            else
            {
                readers.Add(new(FolderReadKind.Other, permission.Id ?? string.Empty, name, null, email, null));
            }
        }

        return readers;
    }
}
