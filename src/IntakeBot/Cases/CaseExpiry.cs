
namespace IntakeBot.Cases;

/// <summary>When a case expires: <c>ClosedCaseRetention</c> after it was closed, never while it is open
/// or on hold. The one rule that both the <c>expiresOn</c> index tag and the sweeper's final check use.</summary>
public static class CaseExpiry
{
    public static DateTimeOffset? ExpiresOn(CaseRecord record, TimeSpan closedCaseRetention)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record is { Hold: null, Status: CaseStatus.Closed, ClosedAt: { } closedAt }
            ? closedAt + closedCaseRetention
            : null;
    }

    /// <summary>The <c>expiresOn</c> tag value, or null when the case has none.</summary>
    public static string? Tag(CaseRecord record, TimeSpan closedCaseRetention)
        => ExpiresOn(record, closedCaseRetention) is { } at ? RetentionTags.Format(at) : null;

    public static bool IsExpired(CaseRecord record, TimeSpan closedCaseRetention, DateTimeOffset now)
        => ExpiresOn(record, closedCaseRetention) is { } at && at <= now;
}
