namespace IntakeBot.Lifecycle;

/// <summary>Runs a <see cref="DeadlineReminders"/> pass at start and then every
/// <c>Lifecycle:ReminderInterval</c>. A failed pass is logged by exception type only and tried again next
/// time; a reminder it did not record is still due then.</summary>
public sealed class DeadlineReminderService(DeadlineReminders reminders, LifecyclePeriods periods, TimeProvider time, ILogger<DeadlineReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(periods.ReminderInterval, time);
        do
        {
            try
            {
                var sent = await reminders.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                logger.LogDebug("Deadline reminder pass: {Outcome}.", sent is { } count ? $"{count} reminders" : "another process holds the lease");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Deadline reminder pass failed ({ExceptionType}); it runs again in {Interval}.", e.GetType().Name, periods.ReminderInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
