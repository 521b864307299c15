using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace IntakeBot.Retention;

/// <summary>The private container that holds the tombstones and the sweeper's lease blob, apart from
/// the cases, so that deleting a case never touches the proof that it was deleted.</summary>
public sealed class RetentionContainer(BlobServiceClient service, IOptions<RetentionOptions> options)
{
    public BlobContainerClient Client { get; } = service.GetBlobContainerClient(options.Value.Container);

    private int _created;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }
    }
}
