using IntakeBot.Cases;

namespace IntakeBot.Retention;

/// <summary>Runs a <see cref="RetentionSweep"/> at start and then every <c>SweepInterval</c>. A failed
/// sweep is logged by exception type only and tried again next time; nothing it did is lost, since a
/// purge stopped half-way is finished by the next sweep.</summary>
public sealed class RetentionSweeper(RetentionSweep sweep, RetentionPeriods periods, TimeProvider time, ILogger<RetentionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(periods.SweepInterval, time);
        do
        {
            try
            {
                var result = await sweep.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                if (result.Ran)
                {
                    logger.LogInformation("Retention sweep: {Cases} cases and {Drafts} drafts deleted, {Held} held cases kept.", result.CasesDeleted, result.DraftsDeleted, result.Held);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Retention sweep failed ({ExceptionType}); it runs again in {Interval}.", e.GetType().Name, periods.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
