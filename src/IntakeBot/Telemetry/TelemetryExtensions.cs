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
}
