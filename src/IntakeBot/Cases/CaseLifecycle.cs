
namespace IntakeBot.Cases;

/// <summary>A case after submission: submitted → acknowledged → in-review → closed, each change with who
/// and when in the record and in the audit log (an owner's move is applied after the turn's commit by
/// <see cref="CaseChanges"/>, with the owners' internal notes and messages). A status never carries
/// outcome text. Closing sets <see cref="CaseRecord.ClosedAt"/>, which starts the retention clock.
/// Leaving submitted meets the acknowledgement deadline; a message to the reporter meets the feedback
/// deadline in the same write as the message. A transfer hands the case to another owner in one write,
/// also applied by <see cref="CaseChanges"/>.</summary>
public sealed class CaseLifecycle(ICaseStore cases, TimeProvider time)
{
    private static readonly CaseStatus[] Order = [CaseStatus.Submitted, CaseStatus.Acknowledged, CaseStatus.InReview, CaseStatus.Closed];

    /// <summary>The case moved forward to <paramref name="status"/>, and whether it moved: the same
    /// instance when it did not (already there or past it, closed, or not submitted).</summary>
    public static (LifecycleOutcome Outcome, CaseRecord Record) Moved(CaseRecord record, CaseStatus status, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var target = Array.IndexOf(Order, status);
        if (target <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Only acknowledged, in-review and closed can be set.");
        }

        var current = Array.IndexOf(Order, record.Status);
        return current switch
        {
            < 0 => (LifecycleOutcome.NotFound, record),
            _ when record.Status == CaseStatus.Closed => (LifecycleOutcome.Closed, record),
            _ when current >= target => (LifecycleOutcome.Already, record),
            _ => (LifecycleOutcome.Changed, record with
            {
                Status = status,
                UpdatedAt = now,
                ClosedAt = status == CaseStatus.Closed ? now : record.ClosedAt,
                StatusHistory = [.. record.StatusHistory, new StatusChange(status, actor, now)],

                // Any step past submitted means someone has the case: the acknowledgement is due no more.
                Deadlines = CaseDeadlines.Meet(record.Deadlines, DeadlineKind.Acknowledge, actor, now),
            }),
        };
    }

    /// <summary>The reporter has read the thread: the owner's messages so far are no longer unread.</summary>
    public async Task MarkReadByReporterAsync(string reference, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await cases.UpdateAsync(reference, record => record.HasUnreadForReporter() ? record with { ReporterReadAt = now } : record, cancellationToken).ConfigureAwait(false);
    }
}
