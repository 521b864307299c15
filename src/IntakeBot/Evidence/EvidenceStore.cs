using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Storage;

namespace IntakeBot.Evidence;

/// <summary>Evidence as block blobs <c>IR-…/evidence/KEY-safe-name.ext</c>: streamed in (bounded
/// memory), hashed on the way, described in blob metadata. The case's evidence list gets the item from
/// the turn's commit, not from here.</summary>
public sealed class EvidenceStore(BlobContainers containers, TimeProvider clock, EvidenceSeal seal)
{
    /// <summary>Blocks of 4 MiB, two at a time: memory stays near 8 MiB whatever the file's size.</summary>
    private static readonly Azure.Storage.StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = 4 * 1024 * 1024,
        MaximumTransferSize = 4 * 1024 * 1024,
        MaximumConcurrency = 2,
    };

    /// <summary>Stores an item under <c>IR-…/evidence/{itemKey}-{safeName}</c>. The key comes from the
    /// activity and the attachment's place in it, so a redelivered or retried message overwrites its
    /// own blob instead of adding a second one (and the case's list, by blob name, its own entry).</summary>
    public Task<EvidenceItem> SaveAsync(string reference, string itemKey, string originalName, string safeName, string contentType, Stream content, long maxBytes, string addedBy, CancellationToken cancellationToken)
        => SaveAsync(reference, itemKey, originalName, safeName, contentType, content, maxBytes, addedBy, null, cancellationToken);

    /// <summary>Stores a kept Teams message (<see cref="MessageFacts"/>) like any other item.</summary>
    public async Task<EvidenceItem> SaveAsync(string reference, string itemKey, string originalName, string safeName, string contentType, Stream content, long maxBytes, string addedBy, MessageFacts? message, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsValid(reference))
        {
            throw new ArgumentException("Not a case reference.", nameof(reference));
        }

        // Names are bounded before anything is uploaded, so the metadata always fits.
        originalName = FileNames.Shorten(originalName);
        safeName = FileNames.Sanitize(safeName);
        using var hashing = new HashingStream(content, maxBytes);
        Stream upload = OfficeDocuments.Applies(safeName) ? new OfficeDocumentStream(hashing, safeName) : hashing;
        var blob = containers.Cases.GetBlobClient($"{reference}/evidence/{itemKey}-{safeName}");

        // A block blob upload becomes visible only when it completes: a failed or refused one (an Office
        // file is checked on its last read, before the block list is committed) leaves nothing
        // half-stored, and a retry that fails leaves the earlier complete copy as it was.
        try
        {
            await blob.UploadAsync(upload, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                TransferOptions = Transfer,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.InvalidBlockList)
        {
            // Another delivery of the same message committed this blob while this one was staging
            // its blocks (a commit discards the other upload's blocks): the same bytes are stored.
            if (!await blob.ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }

        var item = new EvidenceItem(0, blob.Name, originalName, safeName, contentType, hashing.BytesRead, hashing.Sha256Hex(), addedBy, clock.GetUtcNow(), message is null ? null : MessageFacts.EvidenceKind, message);
        try
        {
            await blob.SetMetadataAsync(Metadata(item), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // No file stays behind without its description.
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        // The case's list gets the item from the turn's commit: the draft's, or the submitted case's
        // change (numbered there), so nothing here reads or writes case.json.
        return item;
    }

    /// <summary>Stores a file of a confidential case: checked and bounded as any other, then held in
    /// memory (at most <paramref name="maxBytes"/>) so that nothing of it is stored in clear. The file as
    /// uploaded is sealed (<see cref="EvidenceSeal"/>) in <c>{itemKey}-original.sealed</c>; the item is
    /// its cleaned copy under <paramref name="neutralName"/>, or, for a kind of file that cannot be
    /// cleaned, the sealed original itself, withheld.</summary>
    public async Task<EvidenceItem> SaveSealedAsync(string reference, string itemKey, string originalName, string safeName, string neutralName, string contentType, Stream content, long maxBytes, string addedBy, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsValid(reference))
        {
            throw new ArgumentException("Not a case reference.", nameof(reference));
        }

        using var hashing = new HashingStream(content, maxBytes);
        Stream checking = OfficeDocuments.Applies(FileNames.Sanitize(safeName)) ? new OfficeDocumentStream(hashing, FileNames.Sanitize(safeName)) : hashing;
        byte[] original;
        using (var buffer = new MemoryStream())
        {
            await checking.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            original = buffer.ToArray();
        }

        return await SealAndCleanAsync(reference, itemKey, new OriginalFacts(FileNames.Shorten(originalName), hashing.Sha256Hex(), original.Length), neutralName, contentType, original, addedBy, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Seals and cleans an item stored in clear before its case became confidential (a file sent
    /// before the reporter chose it at the review): the same as <see cref="SaveSealedAsync"/>, keeping its
    /// number and when it was added. The clear blob is the caller's to delete once the case is kept.</summary>
    public async Task<EvidenceItem> SealStoredAsync(string reference, EvidenceItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var prefix = $"{reference}/evidence/";
        if (!CaseReference.IsValid(reference) || !item.BlobName.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException("Not an evidence item of this case.", nameof(item));
        }

        // The item key is the hash and the attachment's place before the stored name ("0123abcd…-01-name").
        var parts = item.BlobName[prefix.Length..].Split('-', 3);
        var itemKey = $"{parts[0]}-{parts[1]}";
        var download = await containers.Cases.GetBlobClient(item.BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        var original = download.Value.Content.ToArray();
        var neutral = NeutralName(item.Number, item.SafeName);
        var sealedItem = await SealAndCleanAsync(reference, itemKey, new OriginalFacts(item.OriginalName, item.Sha256, original.Length), neutral, item.ContentType, original, item.AddedBy, item.AddedAt, cancellationToken).ConfigureAwait(false);
        return sealedItem with { Number = item.Number };
    }

    /// <summary>The name a confidential case's file is shown by: its number and its checked extension.</summary>
    public static string NeutralName(int number, string safeName)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"evidence-{number}{FileNames.Extension(safeName)}");

    /// <summary>A sealed original and what was sealed with it.</summary>
    public async Task<(OriginalFacts Facts, byte[] Content)> OpenSealedAsync(SealedOriginal original, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(original);
        var download = (await containers.Cases.GetBlobClient(original.BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
        var metadata = download.Details.Metadata;
        return await seal.OpenAsync(original.BlobName, new SealedFile(download.Content.ToArray(), metadata["sealedfacts"], metadata["wrappedkey"], Uri.UnescapeDataString(metadata["keyid"])), cancellationToken).ConfigureAwait(false);
    }

    private async Task<EvidenceItem> SealAndCleanAsync(string reference, string itemKey, OriginalFacts facts, string neutralName, string contentType, byte[] original, string addedBy, DateTimeOffset addedAt, CancellationToken cancellationToken)
    {
        var sealedName = $"{reference}/evidence/{itemKey}-original.sealed";
        var sealedFile = await seal.SealAsync(sealedName, original, facts, cancellationToken).ConfigureAwait(false);
        await containers.Cases.GetBlobClient(sealedName).UploadAsync(BinaryData.FromBytes(sealedFile.Content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
            Metadata = new Dictionary<string, string>
            {
                ["classification"] = Classification.HighlyConfidential,
                ["sealedfacts"] = sealedFile.Facts,
                ["wrappedkey"] = sealedFile.WrappedKey,
                ["keyid"] = Uri.EscapeDataString(sealedFile.KeyId),
            },
        }, cancellationToken).ConfigureAwait(false);

        if (EvidenceCleaner.Clean(FileNames.Extension(neutralName), original) is not { } cleaned)
        {
            // Withheld: the item is the sealed file, by the hash of what is stored (the original's is sealed).
            return new EvidenceItem(0, sealedName, neutralName, neutralName, contentType, original.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(sealedFile.Content)), addedBy, addedAt, Original: new SealedOriginal(sealedName, Cleaned: false));
        }

        var copy = containers.Cases.GetBlobClient($"{reference}/evidence/{itemKey}-{neutralName}");
        var item = new EvidenceItem(0, copy.Name, neutralName, neutralName, contentType, cleaned.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(cleaned)), addedBy, addedAt, Original: new SealedOriginal(sealedName, Cleaned: true));
        await copy.UploadAsync(BinaryData.FromBytes(cleaned), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = Metadata(item),
        }, cancellationToken).ConfigureAwait(false);
        return item;
    }

    /// <summary>Deletes an item taken out of a report before it was submitted; only a blob under the
    /// case's own evidence folder, and nothing when it is gone already.</summary>
    public async Task DeleteAsync(string reference, string blobName, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsValid(reference) || !blobName.StartsWith($"{reference}/evidence/", StringComparison.Ordinal))
        {
            throw new ArgumentException("Not an evidence item of this case.", nameof(blobName));
        }

        await containers.Cases.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an evidence item back, streamed, for the shared case folder.</summary>
    public async Task<Stream> OpenReadAsync(EvidenceItem item, CancellationToken cancellationToken)
        => await containers.Cases.GetBlobClient(item.BlobName).OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    public Task<EvidenceItem> SaveTextAsync(string reference, string itemKey, string text, string addedBy, long maxBytes, CancellationToken cancellationToken)
        => SaveAsync(reference, itemKey, "pasted-text.txt", "pasted-text.txt", "text/plain; charset=utf-8", new MemoryStream(Encoding.UTF8.GetBytes(text)), maxBytes, addedBy, cancellationToken);

    /// <summary>Blob metadata is ASCII only, at most 8 KB in all: the original name goes in URL-encoded
    /// (bounded by <see cref="FileNames.Shorten"/>), and so does who added it.</summary>
    private static Dictionary<string, string> Metadata(EvidenceItem item)
    {
        var metadata = BaseMetadata(item);
        if (item.Kind is { } kind)
        {
            metadata["kind"] = kind;
        }

        if (item.Message?.SenderObjectId is { } sender)
        {
            // A GUID: ASCII, and no content.
            metadata["senderid"] = sender;
        }

        return metadata;
    }

    private static Dictionary<string, string> BaseMetadata(EvidenceItem item) => new()
    {
        ["classification"] = Classification.HighlyConfidential,
        ["sha256"] = item.Sha256,
        ["contenttype"] = item.ContentType,
        ["size"] = item.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["addedby"] = Uri.EscapeDataString(item.AddedBy.Length > 128 ? item.AddedBy[..128] : item.AddedBy),
        ["addedat"] = item.AddedAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        ["originalname"] = Uri.EscapeDataString(item.OriginalName),
        ["safename"] = item.SafeName,
    };
}
