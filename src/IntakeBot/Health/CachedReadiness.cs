using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IntakeBot.Health;

/// <summary>A readiness check whose result is reused for <c>Health:ReadyIntervalSeconds</c>.
/// /healthz/ready answers anyone, so however often and however concurrently it is called, storage sees
/// at most one probe write and Graph one token request an interval; calls that arrive while the check
/// runs wait for its result instead of starting their own.</summary>
public sealed class CachedReadiness<TCheck>(TCheck check, IOptions<HealthOptions> options, TimeProvider time) : IHealthCheck, IDisposable
    where TCheck : IHealthCheck
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } meanwhile)
            {
                return meanwhile;
            }

            // A check cut short by its timeout throws and is not kept: the next call tries again.
            var result = await check.CheckHealthAsync(context, cancellationToken).ConfigureAwait(false);
            _last = (result, time.GetUtcNow());
            return result;
        }
        finally
        {
            _running.Release();
        }
    }

    public void Dispose() => _running.Dispose();

    private HealthCheckResult? Fresh()
        => _last is { } last && time.GetUtcNow() - last.At < TimeSpan.FromSeconds(options.Value.ReadyIntervalSeconds) ? last.Result : null;
}
