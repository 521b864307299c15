using IntakeBot.Cases;
using IntakeBot.Responders;
using IntakeBot.Retention;
using IntakeBot.Text;

namespace IntakeBot.Lifecycle;

/// <summary>One reminder pass: under its own blob lease (one process at a time), finds the open cases
/// whose <c>remindAt</c> tag has passed, and for each decides its due reminders in one ETag-guarded
/// write of the case, then hands them to the outbox. A reminder is recorded before it is sent, so a
/// restart, a second process or a lost lease never sends it twice; it carries the reference and the
/// deadline only.</summary>
public sealed class DeadlineReminders(ICaseStore cases, RetentionContainer container, NotificationOutbox outbox, TimeProvider time, ILogger<DeadlineReminders> logger)
{
    public const string LeaseBlobName = "reminders.lock";

    private static readonly CaseStatus[] OpenStatuses = [CaseStatus.Submitted, CaseStatus.Acknowledged, CaseStatus.InReview];

    private readonly SweepLease _lease = new(container, time, LeaseBlobName);

    /// <summary>The number of reminders decided, or null when another process held the lease.</summary>
    public async Task<int?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        var ran = await _lease.RunAsync(async token =>
        {
            var now = time.GetUtcNow();
            foreach (var status in OpenStatuses)
            {
                await foreach (var found in cases.FindAsync(status, CaseIndexTags.RemindAt, now, token).ConfigureAwait(false))
                {
                    sent += await RemindAsync(found.Reference, now, token).ConfigureAwait(false);
                }
            }
        }, cancellationToken).ConfigureAwait(false);
        return ran ? sent : null;
    }

    private async Task<int> RemindAsync(string reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<OwnerNotification> decided = [];
        await cases.UpdateAsync(reference, record =>
        {
            // Decided again on the newest record if the write has to be retried.
            decided = [];
            if (!record.Status.IsOpen())
            {
                return record;
            }

            var deadlines = record.Deadlines.Select(d =>
            {
                if (d.IsMet || d.Kind == DeadlineKind.Unknown || d.NextReminder is not { } at || at > now)
                {
                    return d;
                }

                var passed = now >= d.Due;
                decided.Add(new OwnerNotification(record.Owner, Message(d.Kind, passed), record.Reference, Due: d.Due));
                return passed ? d with { RemindedPassed = now } : d with { RemindedBefore = now };
            }).ToList();
            return decided.Count == 0 ? record : record with { Deadlines = deadlines };
        }, cancellationToken).ConfigureAwait(false);

        foreach (var reminder in decided)
        {
            await outbox.PostAsync(reminder, $"reminder/{reference}/{reminder.Message}/{reminder.Due:o}", time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        if (decided.Count > 0)
        {
            logger.LogInformation("{Count} deadline reminders for case {CaseReference} went to the outbox.", decided.Count, reference);
        }

        return decided.Count;
    }

    private static TextKey Message(DeadlineKind kind, bool passed) => (kind, passed) switch
    {
        (DeadlineKind.Acknowledge, false) => TextKey.ReminderAcknowledgeDue,
        (DeadlineKind.Acknowledge, true) => TextKey.ReminderAcknowledgePassed,
        (_, false) => TextKey.ReminderFeedbackDue,
        _ => TextKey.ReminderFeedbackPassed,
    };
}
