using IntakeBot.Telemetry;
using Microsoft.Extensions.Options;
using IntakeBot.Cases;

namespace IntakeBot.Responders;

/// <summary>Drains the outbox. A message whose turn committed in this process is tried at once; every
/// process also lists the outbox every <see cref="NotificationOptions.ScanIntervalMilliseconds"/> and
/// tries what is due, so that what a stopped process (or the other instance) left is delivered too.
/// Each attempt holds the entry's blob lease; a failure doubles the wait before the next, and after
/// <see cref="NotificationOptions.MaxAttempts"/> (counted across processes) the message is given up,
/// logged without content and kept in the dead-letter folder. The person it is for never sees an
/// error for it; when it was for a reporter, the case owner is told (reference only) that the reporter
/// could not be reached, through the outbox too.</summary>
public sealed class NotificationSender(
    NotificationOutbox outbox,
    OwnerNotifier notifier,
    ITurnCommits commits,
    ICaseStore cases,
    IdentityNotice identityNotice,
    TimeProvider clock,
    IOptions<NotificationOptions> options,
    ILogger<NotificationSender> logger) : BackgroundService
{
    /// <summary>An entry whose turn has not committed by now never will (a turn is cut off long before).</summary>
    private static readonly TimeSpan Uncommitted = TimeSpan.FromMinutes(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(SendCommittedAsync(stoppingToken), ScanAsync(stoppingToken));

    /// <summary>Messages of turns that committed here: tried at once, and again after each wait.</summary>
    private async Task SendCommittedAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            await foreach (var id in outbox.CommittedReader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                // One owner's slow retries never hold up another's message.
                running.RemoveAll(t => t.IsCompleted);
                running.Add(RetryAsync(id, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is not delivered stays in the outbox for the next process.
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task RetryAsync(string id, CancellationToken stoppingToken)
    {
        try
        {
            while (await AttemptAsync(id, fromScan: false, stoppingToken).ConfigureAwait(false) is { } wait)
            {
                await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the entry stays, and a scan (here or elsewhere) takes it up.
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            logger.LogWarning("An outbox entry could not be read or updated ({ExceptionType}); a later scan takes it up.", e.GetType().FullName);
        }
    }

    /// <summary>Every process, now and then: whatever is due, whoever wrote it.</summary>
    private async Task ScanAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.ScanIntervalMilliseconds), clock);
        try
        {
            do
            {
                try
                {
                    var (due, waiting) = await outbox.ListAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                    IntakeMetrics.OutboxBacklog(waiting);
                    foreach (var id in due)
                    {
                        await AttemptAsync(id, fromScan: true, stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
                {
                    logger.LogWarning("The outbox could not be scanned ({ExceptionType}); the next scan tries again.", e.GetType().FullName);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One attempt at one entry, under its lease. Returns how long to wait before this process
    /// tries it again, or null when it is done with it (delivered, given up, not due, or held elsewhere).</summary>
    private async Task<TimeSpan?> AttemptAsync(string id, bool fromScan, CancellationToken stoppingToken)
    {
        await using var taken = await outbox.TryTakeAsync(id, stoppingToken).ConfigureAwait(false);
        if (taken is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var entry = taken.Entry;
        if (fromScan)
        {
            if (taken.Due > now)
            {
                return null;
            }

            if (entry.ActivityId is { } activityId && !await commits.IsCommittedAsync(entry.ConversationKey, activityId, stoppingToken).ConfigureAwait(false))
            {
                if (now - entry.CreatedAt > Uncommitted)
                {
                    logger.LogInformation("An outbox entry for case {CaseReference} belonged to a turn that never committed and was removed.", entry.Notification.CaseReference);
                    await taken.DeleteAsync(stoppingToken).ConfigureAwait(false);
                }

                return null;
            }
        }

        // No time limit of our own on the attempt (the HTTP client has one), and stopping the process
        // does not cut it off either (the host's shutdown timeout bounds it): a message cut off after
        // the connector took it would be sent again, here or by another process. The lease is renewed
        // while it runs instead, and once it is delivered its entry is removed whatever happens.
        Delivery delivery;
        using (var attempt = new CancellationTokenSource())
        {
            var keeping = taken.KeepAsync(outbox.LeaseDuration / 3, attempt.Token);
            try
            {
                var notice = IdentityNotice.IsNotice(entry.Notification);
                delivery = notice && await identityNotice.AlreadyToldAsync(entry, CancellationToken.None).ConfigureAwait(false)
                    ? Delivery.Delivered
                    : await notifier.TryDeliverAsync(entry.Notification, CancellationToken.None).ConfigureAwait(false);
                if (delivery == Delivery.Delivered && notice)
                {
                    // Recorded while the lease is still kept, before the entry goes: a write that fails leaves
                    // the entry, so the reporter may be told twice but the notice never runs from an unrecorded delivery.
                    await identityNotice.ToldAsync(entry, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                await attempt.CancelAsync().ConfigureAwait(false);
                await keeping.ConfigureAwait(false);
            }
        }

        IntakeMetrics.OutboxDeliveryAttempted(delivery == Delivery.Delivered);
        if (delivery == Delivery.Delivered)
        {
            // The lease was renewed a third of its length ago at most: half of it is still held.
            await taken.DeliveredAsync(outbox.LeaseDuration / 2, CancellationToken.None).ConfigureAwait(false);
            return null;
        }

        if (delivery == Delivery.NoConversation)
        {
            // Never counted as delivered: given up at once (no retry can give the bot a conversation with
            // them), and the case waits for them in cases and the workspace. Not kept in outbox-dead/: nothing
            // can ever send it, and the entry names the conversation whose turn decided it (the reporter's,
            // for a new case) beside the reference, which would outlive both the conversation's state and
            // the case; the log line and the count say that it happened.
            logger.LogWarning("The {Recipient} of case {CaseReference} has never written to the bot, so the message could not be sent; it was given up.", OwnerNotifier.Role(entry.Notification), entry.Notification.CaseReference);
            IntakeMetrics.OutboxGivenUp();
            await taken.DeleteAsync(stoppingToken).ConfigureAwait(false);
            return null;
        }

        var attempts = taken.Attempts + 1;
        if (attempts >= options.Value.MaxAttempts)
        {
            logger.LogError("The {Recipient} of case {CaseReference} could not be notified after {Attempts} attempts; the message was given up.", OwnerNotifier.Role(entry.Notification), entry.Notification.CaseReference, attempts);
            IntakeMetrics.OutboxGivenUp();
            await TellOwnerAsync(entry, now, stoppingToken).ConfigureAwait(false);
            if (IdentityNotice.IsNotice(entry.Notification))
            {
                await identityNotice.UnreachableAsync(entry, now, stoppingToken).ConfigureAwait(false);
            }

            await taken.DeadLetterAsync(attempts, now, stoppingToken).ConfigureAwait(false);
            return null;
        }

        var wait = TimeSpan.FromMilliseconds(options.Value.FirstRetryDelayMilliseconds * Math.Pow(2, attempts - 1));
        await taken.RescheduleAsync(attempts, now + wait, stoppingToken).ConfigureAwait(false);
        return wait;
    }

    /// <summary>A reporter who cannot be reached (left the organisation, removed the bot): their case's
    /// owner needs to know the update did not arrive. Posted under a name made from the given-up entry,
    /// so a second attempt at giving it up (after a crash) posts nothing new.</summary>
    private async Task TellOwnerAsync(OutboxEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (entry.Notification.To != NotificationRecipient.Reporter
            || await cases.GetAsync(entry.Notification.CaseReference, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return;
        }

        var notice = new OwnerNotification(record.Owner, Text.TextKey.OwnerReporterUnreachable, record.Reference);
        await outbox.PostAsync(notice, "unreachable/" + entry.Id, now, cancellationToken).ConfigureAwait(false);
    }
}
