namespace IntakeBot.Retention;

/// <summary>What is due for deletion, found through the blob index (never by reading every case).</summary>
public interface IExpiringCases
{
    /// <summary>References of cases whose <c>expiresOn</c> tag is before <paramref name="now"/>.</summary>
    IAsyncEnumerable<string> FindExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>State blobs whose <c>draftExpiresOn</c> tag is before <paramref name="now"/>.</summary>
    IAsyncEnumerable<string> FindAbandonedDraftsAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
