using System.Runtime.CompilerServices;
using IntakeBot.Cases;
using IntakeBot.Storage;

namespace IntakeBot.Retention;

/// <summary>Find Blobs by Tags on the cases container (<c>case.json</c> tagged <c>expiresOn</c>) and on
/// the state container (<c>draftExpiresOn</c>).</summary>
public sealed class TaggedExpiringCases(BlobContainers containers) : IExpiringCases
{
    private const string CaseFile = "/case.json";

    public async IAsyncEnumerable<string> FindExpiredAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in containers.Cases.FindBlobsByTagsAsync(RetentionTags.Before(RetentionTags.ExpiresOn, now), cancellationToken).ConfigureAwait(false))
        {
            if (item.BlobName.EndsWith(CaseFile, StringComparison.Ordinal) && item.BlobName[..^CaseFile.Length] is var reference && CaseReference.IsValid(reference))
            {
                yield return reference;
            }
        }
    }

    public async IAsyncEnumerable<string> FindAbandonedDraftsAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in containers.State.FindBlobsByTagsAsync(RetentionTags.Before(RetentionTags.DraftExpiresOn, now), cancellationToken).ConfigureAwait(false))
        {
            yield return item.BlobName;
        }
    }
}
