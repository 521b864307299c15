using System.Collections;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Storage;

/// <summary>Bot state as one JSON blob per key, guarded by ETags. Bot Builder's <see cref="BotState"/>
/// saves a plain dictionary, so the ETag travels inside it: read puts it under <c>eTag</c>, write sends
/// it back as If-Match (or If-None-Match: * for state that did not exist), and a stale write fails
/// with <see cref="StateConflictException"/> instead of overwriting newer state. Every blob carries the
/// classification in metadata, and the index tags <paramref name="tagsOf"/> gives for what it holds
/// (retention tags a draft with its expiry); writing replaces the tags, so a tag goes when the state
/// no longer earns it.</summary>
/// <summary>A write whose outcome is unknown is read back for up to <paramref name="readBack"/> (15 s when not given).</summary>
public sealed class BlobStateStorage(BlobContainerClient container, Func<JObject, IDictionary<string, string>?>? tagsOf = null, TimeSpan? readBack = null) : IStorage
{
    private readonly TimeSpan _readBack = readBack ?? TimeSpan.FromSeconds(15);

    private const string ETagKey = "eTag";

    /// <summary>A fresh id in every write, read back when the write's outcome is unknown.</summary>
    private const string WriteIdKey = "writeId";

    private static readonly Dictionary<string, string> ClassificationMetadata = new() { ["classification"] = Classification.HighlyConfidential };

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Include,
        MaxDepth = 64,
    });

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (await ReadBlobAsync(BlobNameOf(key), cancellationToken).ConfigureAwait(false) is { } stored)
            {
                items[key] = AsDictionary(stored.State);
            }
        }

        return items;
    }

    /// <summary>The state as <see cref="BotState"/> keeps it: given a JObject, BotState copies the whole
    /// state into a dictionary (one more deserialization of every property each turn); given the
    /// dictionary, it takes it as it is. Objects and arrays stay tokens (BotState converts each one a turn
    /// asks for), plain values become the values that copy would have made.</summary>
    private static Dictionary<string, object> AsDictionary(JObject state)
    {
        var dictionary = new Dictionary<string, object>(state.Count, StringComparer.Ordinal);
        foreach (var (name, token) in state)
        {
            dictionary[name] = token is JValue value ? value.Value! : token!;
        }

        return dictionary;
    }

    /// <summary>One state blob by its name, as <see cref="FindAsync"/> gives it (a background pass
    /// knows blobs, not keys): the state with its ETag in it, as <see cref="ReadAsync"/> returns it, and
    /// when it was last written; null when it is gone.</summary>
    public async Task<StoredState?> ReadBlobAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new JsonTextReader(new StreamReader(download.Value.Content.ToStream(), Encoding.UTF8)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            var item = JObject.Load(reader);
            item[ETagKey] = download.Value.Details.ETag.ToString();
            return new StoredState(item, download.Value.Details.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Nothing stored under this name.
            return null;
        }
    }

    /// <summary>Writes a state read by <see cref="ReadBlobAsync"/> back, on the same conditions (and with
    /// the same tags and metadata) as <see cref="WriteAsync"/>: a turn that committed since wins.</summary>
    public Task WriteBlobAsync(string blobName, JObject state, CancellationToken cancellationToken)
        => WriteOneAsync(container.GetBlobClient(blobName), state, cancellationToken);

    /// <summary>The names of the state blobs whose index tags match <paramref name="tagQuery"/>.</summary>
    public async IAsyncEnumerable<string> FindAsync(string tagQuery, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in container.FindBlobsByTagsAsync(tagQuery, cancellationToken).ConfigureAwait(false))
        {
            yield return item.BlobName;
        }
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, value) in changes)
        {
            await WriteOneAsync(Blob(key), value, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteOneAsync(BlobClient blob, object? value, CancellationToken cancellationToken)
    {
        var json = value is null ? new JObject() : JObject.FromObject(value, Serializer);
        var etag = json.Value<string>(ETagKey);
        json.Remove(ETagKey);

        var conditions = etag switch
        {
            null or "" => new BlobRequestConditions { IfNoneMatch = ETag.All },
            "*" => null,
            _ => new BlobRequestConditions { IfMatch = new ETag(etag) },
        };

        // Names this write, so that one whose outcome is unknown can be told apart from another's.
        var writeId = Guid.NewGuid().ToString("N");
        json[WriteIdKey] = writeId;
        try
        {
            var content = BinaryData.FromString(json.ToString(Formatting.None));
            var options = new BlobUploadOptions
            {
                Conditions = conditions,
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = ClassificationMetadata,
                Tags = tagsOf?.Invoke(json),
            };
            var response = await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
            RememberETag(value, response.Value.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Refused as it stands: another write came first. (Its own earlier try landing, with the
            // answer lost, is far rarer; the error path then finds the turn in the state and says nothing.)
            throw new StateConflictException(e);
        }
        catch (Exception e) when (e is not OperationCanceledException && Unknown(e))
        {
            if (NeverSent(e))
            {
                // No try reached storage (every connection was refused): the write did not land.
                throw;
            }

            // The client gave up after its retries, or storage did not answer: a try may have landed
            // (a timeout, a reset connection, storage restarting), and a later try may then have met
            // it (409/412 inside the client's AggregateException). Reading the blob back tells: it
            // holds this write, or another one; while storage cannot say, the outcome is unknown.
            var landed = await LandedAsync(blob, writeId, cancellationToken).ConfigureAwait(false);
            if (landed is { } stored)
            {
                RememberETag(value, stored.ToString());
                return;
            }

            if (Conflict(e))
            {
                throw new StateConflictException(e);
            }

            throw;
        }
    }

    /// <summary>The blob's ETag when it holds the write named <paramref name="writeId"/>; null when it
    /// holds another (or none). Storage restarting answers again within seconds, so the read is tried
    /// again (pauses doubling from half a second) for up to the read-back window; when storage has not
    /// answered by then, <see cref="StateWriteUnknownException"/>: nobody can tell yet whether it landed.</summary>
    private async Task<ETag?> LandedAsync(BlobClient blob, string writeId, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        var pause = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                var download = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                using var reader = new JsonTextReader(new StreamReader(download.Value.Content.ToStream(), Encoding.UTF8)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
                return JObject.Load(reader).Value<string>(WriteIdKey) == writeId ? download.Value.Details.ETag : null;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or TimeoutException or AggregateException or IOException && !cancellationToken.IsCancellationRequested)
            {
                if (waited + pause > _readBack)
                {
                    throw new StateWriteUnknownException(e);
                }

                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                waited += pause;
                pause *= 2;
            }
        }
    }

    /// <summary>A failure after which the write may or may not have landed: a refusal (which a retry of a
    /// landed write gets too) or storage not answering, thrown directly or wrapped by the client.</summary>
    private static bool Unknown(Exception exception)
        => exception is RequestFailedException or HttpRequestException or TimeoutException or IOException
            || (exception is AggregateException aggregate && aggregate.InnerExceptions.All(Unknown));

    /// <summary>Every try failed to connect, so none reached storage.</summary>
    private static bool NeverSent(Exception exception)
        => exception switch
        {
            AggregateException aggregate => aggregate.InnerExceptions.All(NeverSent),
            RequestFailedException { Status: 0, InnerException: { } inner } => NeverSent(inner),
            HttpRequestException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } } => true,
            _ => false,
        };

    private static bool Conflict(Exception exception)
        => exception is RequestFailedException { Status: 409 or 412 }
            || (exception is AggregateException aggregate && aggregate.InnerExceptions.Any(Conflict));

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            await Blob(key).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>BotState writes the same dictionary again if a turn saves twice; carrying the new ETag
    /// back into it keeps the second save from conflicting with the first.</summary>
    private static void RememberETag(object? value, string etag)
    {
        switch (value)
        {
            case IStoreItem item:
                item.ETag = etag;
                break;
            case IDictionary<string, object> dictionary:
                dictionary[ETagKey] = etag;
                break;
            case IDictionary dictionary:
                dictionary[ETagKey] = etag;
                break;
            case JObject jobject:
                jobject[ETagKey] = etag;
                break;
        }
    }

    /// <summary>Keys hold conversation and user ids; the blob name is their hash so that no id shows
    /// in a listing and any key fits the blob naming rules.</summary>
    private BlobClient Blob(string key) => container.GetBlobClient(BlobNameOf(key));

    /// <summary>The blob that holds a key's state, for retention's purge of a conversation.</summary>
    public static string BlobNameOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return $"{hash}.json";
    }
}
