using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IntakeBot.Health;

/// <summary>/healthz/live answers while the process runs; /healthz/ready only when storage (and Graph,
/// when sharing is on) works, so that App Service stops routing to an instance that could only fail.
/// /healthz stays as the liveness alias older scripts use.</summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddIntakeHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHealthChecks();
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<HealthOptions>>((checks, health) =>
        {
            var timeout = TimeSpan.FromSeconds(health.Value.ReadyTimeoutSeconds);
            checks.Registrations.Add(new HealthCheckRegistration("storage", sp => ActivatorUtilities.CreateInstance<StorageReadinessCheck>(sp), HealthStatus.Unhealthy, [Ready], timeout));
            checks.Registrations.Add(new HealthCheckRegistration("graph", sp => ActivatorUtilities.CreateInstance<GraphReadinessCheck>(sp), HealthStatus.Unhealthy, [Ready], timeout));
        });
        return services;
    }

    public static WebApplication MapIntakeHealthChecks(this WebApplication app)
    {
        var live = new HealthCheckOptions { Predicate = _ => false };
        app.MapHealthChecks("/healthz", live);
        app.MapHealthChecks("/healthz/live", live);
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }
}
