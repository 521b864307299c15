using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using IntakeBot.Storage;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace IntakeBot.Responders;

/// <summary>Where to reach each reporter proactively: the reference of their 1:1 conversation with the
/// bot, stored (not kept in memory, so a restart loses nothing) when a turn of theirs notifies an owner,
/// that is when they submit or add to a report. Keyed by a hash of the AAD object id.</summary>
public sealed class ReporterDirectory(BlobContainers containers)
{
    public async Task SaveAsync(string aadObjectId, ConversationReference reference, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
        await containers.State.GetBlobClient(Name(aadObjectId)).UploadAsync(BinaryData.FromString(JsonConvert.SerializeObject(reference)), options, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConversationReference?> GetAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await containers.State.GetBlobClient(Name(aadObjectId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonConvert.DeserializeObject<ConversationReference>(download.Value.Content.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static string Name(string aadObjectId)
        => $"reporters/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(aadObjectId.Trim().ToLowerInvariant())))}.json";
}
