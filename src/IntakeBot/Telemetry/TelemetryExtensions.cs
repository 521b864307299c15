using System.Globalization;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Instrumentation.Http;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IntakeBot.Telemetry;

public static class TelemetryExtensions
{
    public const string AzureMonitorKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string MetricExportIntervalKey = "OTEL_METRIC_EXPORT_INTERVAL";

    /// <summary>The Azure Monitor exporter's own metric export interval.</summary>
    private static readonly TimeSpan AzureMonitorMetricInterval = TimeSpan.FromMinutes(1);

    /// <summary>OpenTelemetry traces, metrics and logs, exported to Application Insights when its
    /// connection string is set and over OTLP when an endpoint is set; off (nothing collected) when
    /// neither is. Content-free processors run before every exporter.</summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var azureMonitor = !string.IsNullOrWhiteSpace(builder.Configuration[AzureMonitorKey]);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpKey]);
        if (!azureMonitor && !otlp)
        {
            return builder;
        }

        var metricInterval = MetricExportInterval(builder.Configuration);
        builder.Services.AddSingleton(sp => new TelemetryUrls(sp.GetRequiredService<TelemetryEndpoints>()));

        // PostConfigure: these hold whatever the Azure Monitor distribution sets for its own instrumentation.
        // Recorded exceptions would export exception messages, which can quote what a person wrote.
        builder.Services.PostConfigure<AspNetCoreTraceInstrumentationOptions>(o => o.RecordException = false);
        builder.Services.PostConfigure<HttpClientTraceInstrumentationOptions>(o => o.RecordException = false);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName: "IntakeBot"))
            .WithTracing(t => t.AddSource(IntakeActivities.SourceName).AddProcessor(sp => new ContentFreeSpans(sp.GetRequiredService<TelemetryUrls>())))
            .WithMetrics(m => m.AddMeter(IntakeMetrics.MeterName).AddRuntimeInstrumentation())
            .WithLogging(l => l.AddProcessor(new ContentFreeLogs()), o => o.IncludeScopes = false);

        if (azureMonitor)
        {
            // The distribution brings ASP.NET Core and HttpClient instrumentation of its own. Live Metrics
            // would stream request details outside the processors above, so it stays off.
            telemetry.UseAzureMonitor(o => o.EnableLiveMetrics = false);
            // Its metric reader keeps a fixed minute whatever OTEL_METRIC_EXPORT_INTERVAL says.
            if (metricInterval is { } interval && interval < AzureMonitorMetricInterval)
            {
                builder.Services.AddHostedService(sp => new MetricExportTimer(sp.GetRequiredService<MeterProvider>(), interval, sp.GetRequiredService<TimeProvider>()));
            }
        }
        else
        {
            telemetry
                .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
                .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        }

        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary><c>OTEL_METRIC_EXPORT_INTERVAL</c> (milliseconds, as OpenTelemetry defines it), or null when
    /// it is not set; anything but a positive whole number stops the start.</summary>
    private static TimeSpan? MetricExportInterval(IConfiguration configuration)
    {
        var value = configuration[MetricExportIntervalKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds > 0
            ? TimeSpan.FromMilliseconds(milliseconds)
            : throw new InvalidOperationException($"{MetricExportIntervalKey} must be a whole number of milliseconds greater than 0.");
    }
}
