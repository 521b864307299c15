using IntakeBot.Telemetry;
using Microsoft.Extensions.Options;

namespace IntakeBot.Responders;

/// <summary>Drains the outbox: each message is tried until it is delivered or
/// <see cref="NotificationOptions.MaxAttempts"/> is reached, waiting twice as long after every
/// failure. The person who gets one never sees an error for it.</summary>
public sealed class NotificationSender(NotificationOutbox outbox, OwnerNotifier notifier, IOptions<NotificationOptions> options, ILogger<NotificationSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            await foreach (var notification in outbox.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                // One owner's slow retries never hold up another's message.
                running.RemoveAll(t => t.IsCompleted);
                running.Add(DeliverThenReleaseAsync(notification, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the deliveries under way end below.
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task DeliverThenReleaseAsync(OwnerNotification notification, CancellationToken stoppingToken)
    {
        try
        {
            await DeliverAsync(notification, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            outbox.Done();
        }
    }

    private async Task DeliverAsync(OwnerNotification notification, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(options.Value.FirstRetryDelayMilliseconds);
        for (var attempt = 1; ; attempt++)
        {
            var delivered = await notifier.TryDeliverAsync(notification, stoppingToken).ConfigureAwait(false);
            IntakeMetrics.OutboxDeliveryAttempted(delivered);
            if (delivered)
            {
                return;
            }

            if (attempt >= options.Value.MaxAttempts)
            {
                logger.LogError("The owner of case {CaseReference} could not be notified after {Attempts} attempts; the message was given up.", notification.CaseReference, attempt);
                return;
            }

            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("The notification for case {CaseReference} was not delivered before the app stopped.", notification.CaseReference);
                return;
            }

            delay *= 2;
        }
    }
}
