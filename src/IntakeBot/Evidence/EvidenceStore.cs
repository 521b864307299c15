using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Storage;

namespace IntakeBot.Evidence;

/// <summary>Evidence as block blobs <c>IR-…/evidence/NNN-safe-name.ext</c>: streamed in (bounded
/// memory), hashed on the way, described in blob metadata and in the case's evidence list.</summary>
public sealed class EvidenceStore(BlobContainers containers, ICaseStore cases, TimeProvider clock)
{
    private const int NumberAttempts = 20;

    /// <summary>Blocks of 4 MiB, two at a time: memory stays near 8 MiB whatever the file's size.</summary>
    private static readonly Azure.Storage.StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = 4 * 1024 * 1024,
        MaximumTransferSize = 4 * 1024 * 1024,
        MaximumConcurrency = 2,
    };

    public async Task<EvidenceItem> SaveAsync(string reference, string originalName, string safeName, string contentType, Stream content, long maxBytes, string addedBy, CancellationToken cancellationToken)
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
        var blob = await ReserveAsync(reference, safeName, cancellationToken).ConfigureAwait(false);
        EvidenceItem item;
        try
        {
            await blob.UploadAsync(upload, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                TransferOptions = Transfer,
            }, cancellationToken).ConfigureAwait(false);
            var number = int.Parse(blob.Name.AsSpan(blob.Name.LastIndexOf('/') + 1, 3), System.Globalization.CultureInfo.InvariantCulture);
            item = new EvidenceItem(number, blob.Name, originalName, safeName, contentType, hashing.BytesRead, hashing.Sha256Hex(), addedBy, clock.GetUtcNow());
            await blob.SetMetadataAsync(Metadata(item), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Nothing half-stored stays behind: not the reserved name, not a partial or refused file,
            // not a file without its description.
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await cases.UpdateAsync(reference, c => c with { Evidence = [.. c.Evidence, item], UpdatedAt = item.AddedAt }, cancellationToken).ConfigureAwait(false);
        return item;
    }

    /// <summary>Takes the next free number by creating an empty blob under it (If-None-Match), so two
    /// items added at once never share a name.</summary>
    private async Task<BlobClient> ReserveAsync(string reference, string safeName, CancellationToken cancellationToken)
    {
        var number = await NextNumberAsync(reference, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++, number++)
        {
            var blob = containers.Cases.GetBlobClient($"{reference}/evidence/{number:000}-{safeName}");
            try
            {
                await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
                return blob;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < NumberAttempts)
            {
                // Taken by another item added at the same moment: try the next number.
            }
        }
    }

    /// <summary>Reads an evidence item back, streamed, for the shared case folder.</summary>
    public async Task<Stream> OpenReadAsync(EvidenceItem item, CancellationToken cancellationToken)
        => await containers.Cases.GetBlobClient(item.BlobName).OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    public Task<EvidenceItem> SaveTextAsync(string reference, string text, string addedBy, long maxBytes, CancellationToken cancellationToken)
        => SaveAsync(reference, "pasted-text.txt", "pasted-text.txt", "text/plain; charset=utf-8", new MemoryStream(Encoding.UTF8.GetBytes(text)), maxBytes, addedBy, cancellationToken);

    private async Task<int> NextNumberAsync(string reference, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var unused in containers.Cases.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{reference}/evidence/" }, cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count + 1;
    }

    /// <summary>Blob metadata is ASCII only, at most 8 KB in all: the original name goes in URL-encoded
    /// (bounded by <see cref="FileNames.Shorten"/>), and so does who added it.</summary>
    private static Dictionary<string, string> Metadata(EvidenceItem item) => new()
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
