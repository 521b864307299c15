using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IntakeBot.Health;

/// <summary>/healthz/live answers while the process runs; /healthz/ready only when storage (and Graph,
/// when sharing is on) works, so that App Service stops routing to an instance that could only fail;
/// each check's result is reused for Health:ReadyIntervalSeconds (<see cref="CachedReadiness{TCheck}"/>).
/// /healthz stays as the liveness alias older scripts use.</summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddIntakeHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHealthChecks();
        services.AddSingleton<StorageReadinessCheck>();
        services.AddSingleton<GraphReadinessCheck>();
        services.AddSingleton(typeof(CachedReadiness<>));
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<HealthOptions>>((checks, health) =>
        {
            var timeout = TimeSpan.FromSeconds(health.Value.ReadyTimeoutSeconds);
            checks.Registrations.Add(new HealthCheckRegistration("storage", sp => sp.GetRequiredService<CachedReadiness<StorageReadinessCheck>>(), HealthStatus.Unhealthy, [Ready], timeout));
            checks.Registrations.Add(new HealthCheckRegistration("graph", sp => sp.GetRequiredService<CachedReadiness<GraphReadinessCheck>>(), HealthStatus.Unhealthy, [Ready], timeout));
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
