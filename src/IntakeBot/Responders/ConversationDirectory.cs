using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using IntakeBot.Storage;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace IntakeBot.Responders;

/// <summary>Where to reach people proactively: the reference of their 1:1 conversation with the bot,
/// stored in the state container (not kept in memory, so a restart loses nothing) under a hash of their
/// key, never the key itself. A reference names the person it reaches, so it carries the classification
/// every other blob about a person carries.</summary>
public abstract class ConversationDirectory(BlobContainers containers, string folder)
{
    private static readonly Dictionary<string, string> ClassificationMetadata = new() { ["classification"] = Classification.HighlyConfidential };

    public async Task SaveAsync(string key, ConversationReference reference, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Metadata = ClassificationMetadata };
        await containers.State.GetBlobClient(Name(key)).UploadAsync(BinaryData.FromString(JsonConvert.SerializeObject(reference)), options, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConversationReference?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var download = await containers.State.GetBlobClient(Name(key)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonConvert.DeserializeObject<ConversationReference>(download.Value.Content.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The form of a key that two spellings of the same person share.</summary>
    protected abstract string Normalize(string key);

    private string Name(string key)
        => $"{folder}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(key))))}.json";
}
