
namespace IntakeBot.Cases;

/// <summary>When a case expires: <c>ClosedCaseRetention</c> after it was closed, never while it is open
/// or on hold. The one rule that both the <c>expiresOn</c> index tag and the sweeper's final check use.</summary>
public static class CaseExpiry
{
    public static DateTimeOffset? ExpiresOn(CaseRecord record, TimeSpan closedCaseRetention)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ExpiresOn(record.Status, record.Hold is not null, record.ClosedAt, closedCaseRetention);
    }

    /// <summary>The <c>expiresOn</c> tag value, or null when the case has none.</summary>
    public static string? Tag(CaseRecord record, TimeSpan closedCaseRetention)
        => ExpiresOn(record, closedCaseRetention) is { } at ? RetentionTags.Format(at) : null;

    /// <summary>Checked on the case as stored, read without its long texts (the sweep's final check).</summary>
    public static bool IsExpired(CaseSummary summary, TimeSpan closedCaseRetention, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return ExpiresOn(summary.Status, summary.IsHeld, summary.ClosedAt, closedCaseRetention) is { } at && at <= now;
    }

    private static DateTimeOffset? ExpiresOn(CaseStatus status, bool held, DateTimeOffset? closedAt, TimeSpan closedCaseRetention)
        => (status, held, closedAt) is (CaseStatus.Closed, false, { } at) ? at + closedCaseRetention : null;
}
