using System.Security.Claims;
using IntakeBot.Responders;
using Microsoft.Identity.Web;

namespace IntakeBot.Workspace;

/// <summary>Who signed in to the tab, from the validated token alone (never from anything the page sends):
/// <paramref name="ObjectId"/> their AAD object id, who every change and audit entry names, and
/// <paramref name="Owner"/> their roster entry, null when they are not a responder (they then own no case).</summary>
public sealed record WorkspaceCaller(string ObjectId, string? Owner)
{
    /// <summary>The caller of a request the workspace policy let through; null when the token names no
    /// object id (an app-only token), which owns nothing.</summary>
    public static WorkspaceCaller? Of(ClaimsPrincipal user, ResponderRoster roster)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(roster);
        if (user.GetObjectId() is not { Length: > 0 } objectId)
        {
            return null;
        }

        var upn = user.FindFirst("preferred_username")?.Value ?? user.FindFirst(ClaimTypes.Upn)?.Value ?? user.FindFirst("upn")?.Value;
        return new WorkspaceCaller(objectId, roster.Match(objectId, upn));
    }
}
