using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace IntakeBot.Telemetry;

/// <summary>Collects and exports metrics every <c>OTEL_METRIC_EXPORT_INTERVAL</c> for Application Insights.
/// The Azure Monitor exporter reads metrics on a fixed 60-second timer of its own and ignores that setting
/// (it builds its reader without the SDK's reader options), so an operator who asks for a shorter interval
/// would otherwise get no metric for up to a minute. Its own timer keeps running; each pass here exports
/// what was recorded since the last export of either, so nothing is counted twice.</summary>
internal sealed class MetricExportTimer(MeterProvider meters, TimeSpan interval, TimeProvider time) : BackgroundService
{
    /// <summary>The SDK's default export timeout: a slow ingestion endpoint delays the next pass, never stacks them.</summary>
    private const int ExportTimeoutMilliseconds = 30_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            meters.ForceFlush(ExportTimeoutMilliseconds);
        }
    }
}
