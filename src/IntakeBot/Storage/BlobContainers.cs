using Azure.Storage.Blobs;

namespace IntakeBot.Storage;

/// <summary>The two private containers the bot uses, from one service client.</summary>
public sealed class BlobContainers(BlobServiceClient service, StorageOptions options)
{
    public BlobContainerClient Cases { get; } = service.GetBlobContainerClient(options.CasesContainer);

    public BlobContainerClient State { get; } = service.GetBlobContainerClient(options.StateContainer);

    public async Task CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        // No public access argument: the containers are private.
        await Cases.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await State.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
