using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace IntakeBot.Cases;

/// <summary>Keeps <c>case.json</c> small: every text whose stored form is longer than
/// <see cref="Threshold"/> bytes (an answer, an addition, a note, a message) goes to a blob of its own,
/// <c>IR-…/texts/&lt;sha256&gt;.json</c> (a JSON string, so that every text, even one cut inside an emoji,
/// reads back exactly as it was), and <c>case.json</c> keeps <c>{"$text":"&lt;sha256&gt;"}</c> in its
/// place. Named by content, so writing the same text again (a redelivered turn, the next update of the
/// case) writes nothing new; under the case's folder, so deleting the case by prefix deletes them too.
/// No record type has an object with a single <c>$text</c> member, and a person's text is always a JSON
/// string, so a reference can never be mistaken for what someone wrote.</summary>
internal sealed class CaseTexts(BlobContainerClient container)
{
    /// <summary>Bytes a text may take in <c>case.json</c>, escapes included.</summary>
    public const int Threshold = 2048;

    private const string Marker = "$text";
    private const string Folder = "texts/";
    private const int KnownLimit = 65_536;
    private const int ParallelTransfers = 8;

    /// <summary>Text blobs this process wrote or read: they exist (until their case is deleted), so
    /// writing the case again does not upload them again.</summary>
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    /// <summary>The record as <c>case.json</c> stores it, after each long text is in its own blob.</summary>
    public async Task<BinaryData> OutlineAsync(string reference, BinaryData record, CancellationToken cancellationToken)
    {
        var root = JsonNode.Parse(record)!;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        Replace(root, node => node is JsonValue value && value.TryGetValue<string>(out _) && value.ToJsonString(BlobCaseStore.Json) is var text && text.Length > Threshold
            ? Reference(texts, text)
            : null);
        if (texts.Count == 0)
        {
            return record;
        }

        await Parallel.ForEachAsync(texts, new ParallelOptions { MaxDegreeOfParallelism = ParallelTransfers, CancellationToken = cancellationToken }, async (text, token) =>
            await UploadAsync(Name(reference, text.Key), text.Value, token).ConfigureAwait(false)).ConfigureAwait(false);
        return BinaryData.FromObjectAsJson(root, BlobCaseStore.Json);
    }

    /// <summary>The whole record from stored <c>case.json</c>, each long text read from its blob.</summary>
    public async Task<CaseRecord> InlineAsync(string reference, BinaryData stored, CancellationToken cancellationToken)
    {
        var root = JsonNode.Parse(stored)!;
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        Replace(root, node =>
        {
            if (HashIn(node) is { } hash)
            {
                hashes.Add(hash);
            }

            return null;
        });
        if (hashes.Count == 0)
        {
            return stored.ToObjectFromJson<CaseRecord>(BlobCaseStore.Json)!;
        }

        var texts = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(hashes, new ParallelOptions { MaxDegreeOfParallelism = ParallelTransfers, CancellationToken = cancellationToken }, async (hash, token) =>
        {
            var name = Name(reference, hash);
            texts[hash] = (await container.GetBlobClient(name).DownloadContentAsync(token).ConfigureAwait(false)).Value.Content.ToObjectFromJson<string>(BlobCaseStore.Json)!;
            Remember(name);
        }).ConfigureAwait(false);
        Replace(root, node => HashIn(node) is { } hash ? JsonValue.Create(texts[hash]) : null);
        return root.Deserialize<CaseRecord>(BlobCaseStore.Json)!;
    }

    /// <summary>The record from stored <c>case.json</c> with each text kept in its own blob left empty, for
    /// a reader that needs only its facts (status, people, dates) and not what anyone wrote.</summary>
    public static CaseRecord FactsOnly(BinaryData stored)
    {
        var root = JsonNode.Parse(stored)!;
        Replace(root, node => HashIn(node) is not null ? JsonValue.Create(string.Empty) : null);
        return root.Deserialize<CaseRecord>(BlobCaseStore.Json)!;
    }

    /// <summary>Forgets what this process knew of the case's text blobs, once the case is deleted.</summary>
    public void Forget(string reference)
    {
        var prefix = $"{reference}/{Folder}";
        foreach (var name in _known.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            _known.TryRemove(name, out _);
        }
    }

    /// <summary>A reference to <paramref name="text"/>, the text as a JSON string.</summary>
    private static JsonObject Reference(Dictionary<string, string> texts, string text)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        texts[hash] = text;
        return new JsonObject { [Marker] = hash };
    }

    private static string? HashIn(JsonNode? node)
        => node is JsonObject { Count: 1 } reference
            && reference[Marker] is JsonValue value
            && value.TryGetValue<string>(out var hash)
            && hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower)
            ? hash
            : null;

    /// <summary>Walks every value under <paramref name="node"/>, putting what <paramref name="replacement"/>
    /// gives in place of a value (and not looking inside it), or going on into it when it gives null.</summary>
    private static void Replace(JsonNode node, Func<JsonNode?, JsonNode?> replacement)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (replacement(obj[name]) is { } replaced)
                    {
                        obj[name] = replaced;
                    }
                    else if (obj[name] is { } child)
                    {
                        Replace(child, replacement);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (replacement(array[i]) is { } replaced)
                    {
                        array[i] = replaced;
                    }
                    else if (array[i] is { } child)
                    {
                        Replace(child, replacement);
                    }
                }

                break;
        }
    }

    private async Task UploadAsync(string name, string text, CancellationToken cancellationToken)
    {
        if (_known.ContainsKey(name))
        {
            return;
        }

        try
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = BlobCaseStore.ClassificationMetadata,
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Already stored: the name is the text's hash, so what is there is this very text.
        }

        Remember(name);
    }

    private void Remember(string name)
    {
        if (_known.Count >= KnownLimit)
        {
            _known.Clear();
        }

        _known[name] = 0;
    }

    private static string Name(string reference, string hash) => $"{reference}/{Folder}{hash}.json";
}
