using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Drives.Item.Items.Item.AssignSensitivityLabel;
using Microsoft.Graph.Drives.Item.Items.Item.CreateUploadSession;
using Microsoft.Graph.Drives.Item.Items.Item.Invite;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace IntakeBot.Sharing;

/// <summary>The case folders in the configured drive: uploads (large files through an upload session),
/// the sensitivity label, the per-person invitations on a folder and everyone who can read it.</summary>
public sealed class CaseDrive(GraphServiceClient graph, IOptions<SharingOptions> options)
{
    /// <summary>Above this, files go through an upload session, as Graph asks.</summary>
    public const long SimpleUploadLimit = 4 * 1024 * 1024;

    private const int SliceSize = 320 * 1024 * 10;

    private SharingOptions Options => options.Value;

    private Microsoft.Graph.Drives.Item.Items.Item.DriveItemItemRequestBuilder Root => graph.Drives[Options.DriveId].Items["root"];

    public string FolderOf(string reference) => $"{Options.FolderPath.Trim('/')}/{reference}";

    public async Task<DriveItem> UploadAsync(string path, Stream content, long length, CancellationToken cancellationToken)
    {
        if (length <= SimpleUploadLimit)
        {
            return await Root.ItemWithPath(path).Content.PutAsync(content, cancellationToken: cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Graph returned no item for an upload.");
        }

        var session = await Root.ItemWithPath(path).CreateUploadSession.PostAsync(new CreateUploadSessionPostRequestBody
        {
            Item = new DriveItemUploadableProperties { AdditionalData = new Dictionary<string, object> { ["@microsoft.graph.conflictBehavior"] = "replace" } },
        }, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Graph returned no upload session.");
        var upload = new LargeFileUploadTask<DriveItem>(session, content, SliceSize, graph.RequestAdapter);
        var result = await upload.UploadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.UploadSucceeded && result.ItemResponse is { } item
            ? item
            : throw new IOException("The upload session did not complete.");
    }

    public async Task<string> FolderIdAsync(string path, CancellationToken cancellationToken)
        => (await Root.ItemWithPath(path).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false))?.Id
            ?? throw new InvalidOperationException("Graph returned no folder.");

    public Task AssignLabelAsync(string itemId, string labelId, CancellationToken cancellationToken)
        => graph.Drives[Options.DriveId].Items[itemId].AssignSensitivityLabel.PostAsync(new AssignSensitivityLabelPostRequestBody
        {
            SensitivityLabelId = labelId,
            AssignmentMethod = SensitivityLabelAssignmentMethod.Privileged,
            JustificationText = "Conduct case files are Highly Confidential.",
        }, cancellationToken: cancellationToken);

    /// <summary>Invites one person, by their Graph user id, to read the folder; they must sign in as
    /// themselves. The id, not an address, names the account the directory check found.</summary>
    public async Task<Permission> InviteAsync(string folderId, string userId, string message, CancellationToken cancellationToken)
    {
        var response = await graph.Drives[Options.DriveId].Items[folderId].Invite.PostAsInvitePostResponseAsync(new InvitePostRequestBody
        {
            Recipients = [new DriveRecipient { ObjectId = userId }],
            Roles = ["read"],
            RequireSignIn = true,
            SendInvitation = true,
            Message = message,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response?.Value is [var permission] ? permission : throw new InvalidOperationException("Graph did not return exactly one permission for one recipient.");
    }

    /// <summary>Who can read what would be at this path: the item's own and inherited permissions, or
    /// for a folder not made yet those of the nearest folder above it (it will inherit them).</summary>
    public async Task<IReadOnlyList<Permission>> PermissionsAtAsync(string path, CancellationToken cancellationToken)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var length = segments.Length; length > 0; length--)
        {
            try
            {
                var at = string.Join('/', segments[..length]);
                var item = await Root.ItemWithPath(at).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                if (item?.Id is { } id)
                {
                    var permissions = await PermissionsAsync(id, cancellationToken).ConfigureAwait(false);
                    return length == segments.Length ? permissions : [.. permissions.Select(p => Inherited(p, id, at))];
                }
            }
            catch (ODataError e) when (e.ResponseStatusCode == 404)
            {
                // Not made yet: its parent decides what it will inherit.
            }
        }

        return [.. ((await Root.Permissions.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false))?.Value ?? []).Select(p => Inherited(p, "root", "/"))];
    }

    /// <summary>A permission of a folder above one not made yet is what that folder will inherit.</summary>
    private static Permission Inherited(Permission permission, string ancestorId, string ancestorPath)
    {
        permission.InheritedFrom ??= new ItemReference { Id = ancestorId, Path = ancestorPath };
        return permission;
    }

    public async Task<IReadOnlyList<Permission>> PermissionsAsync(string folderId, CancellationToken cancellationToken)
        => (await graph.Drives[Options.DriveId].Items[folderId].Permissions.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false))?.Value ?? [];

    public Task DeletePermissionAsync(string folderId, string permissionId, CancellationToken cancellationToken)
        => graph.Drives[Options.DriveId].Items[folderId].Permissions[permissionId].DeleteAsync(cancellationToken: cancellationToken);
}
