using IntakeBot.Sharing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IntakeBot.Health;

/// <summary>When sharing is on, ready only if a Microsoft Graph token can be obtained with the configured
/// credential; when it is off, or a loopback stand-in needs no sign-in, there is nothing to check.</summary>
public sealed class GraphReadinessCheck(IOptions<SharingOptions> options) : IHealthCheck
{
    private static readonly Azure.Core.TokenRequestContext GraphScope = new(["https://graph.microsoft.com/.default"]);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (GraphClients.Credential(options.Value) is not { } credential)
        {
            return HealthCheckResult.Healthy(options.Value.Enabled ? "Graph needs no token." : "Sharing is off.");
        }

        try
        {
            await credential.GetTokenAsync(GraphScope, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"No Microsoft Graph token could be obtained ({exception.GetType().Name}).");
        }
    }
}
