using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using IntakeBot.Storage;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace IntakeBot.Responders;

/// <summary>Where to reach each responder proactively: the reference of their 1:1 conversation with
/// the bot, stored when they first talk to it, by roster entry.</summary>
public sealed class ResponderDirectory(BlobContainers containers)
{
    public async Task SaveAsync(string rosterEntry, ConversationReference reference, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
        await containers.State.GetBlobClient(Name(rosterEntry)).UploadAsync(BinaryData.FromString(JsonConvert.SerializeObject(reference)), options, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConversationReference?> GetAsync(string rosterEntry, CancellationToken cancellationToken)
    {
        try
        {
            var download = await containers.State.GetBlobClient(Name(rosterEntry)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonConvert.DeserializeObject<ConversationReference>(download.Value.Content.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static string Name(string rosterEntry)
        => $"responders/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ResponderRoster.Normalize(rosterEntry))))}.json";
}
