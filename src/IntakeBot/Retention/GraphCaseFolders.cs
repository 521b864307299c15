using IntakeBot.Sharing;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;

namespace IntakeBot.Retention;

/// <summary>Removes a case folder through Microsoft Graph: first each permission the folder has of its
/// own (so nobody keeps a link to it even for a moment after), then the folder with
/// <c>permanentDelete</c>, which skips the site's recycle bin.</summary>
public sealed class GraphCaseFolders(GraphServiceClient graph, CaseDrive drive, IOptions<SharingOptions> options) : ICaseFolders
{
    public async Task<bool> RemoveAsync(string folderId, CancellationToken cancellationToken)
    {
        var driveId = options.Value.DriveId;
        if (string.IsNullOrEmpty(driveId))
        {
            // Sharing is off: no folder can exist.
            return false;
        }

        try
        {
            foreach (var permission in await drive.PermissionsAsync(folderId, cancellationToken).ConfigureAwait(false))
            {
                // Inherited permissions and the library owner's own are not the folder's to remove.
                if (permission.Id is { } id && permission.InheritedFrom is null && permission.Roles?.Contains("owner") != true)
                {
                    await drive.DeletePermissionAsync(folderId, id, cancellationToken).ConfigureAwait(false);
                }
            }

            await graph.Drives[driveId].Items[folderId].PermanentDelete.PostAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ODataError e) when (e.ResponseStatusCode == 404)
        {
            return false;
        }
    }
}
