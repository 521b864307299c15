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
public sealed class EvidenceStore(BlobContainers containers, TimeProvider clock)
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
