using IntakeBot.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntakeBot.Health;

/// <summary>Ready when this instance can write and read back a probe blob in both containers: the two
/// things every turn needs. One probe name a container, overwritten by every instance.</summary>
public sealed class StorageReadinessCheck(BlobContainers containers) : IHealthCheck
{
    public const string ProbeBlob = "healthz/probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            foreach (var container in new[] { containers.Cases, containers.State })
            {
                var probe = container.GetBlobClient(ProbeBlob);
                await probe.UploadAsync(BinaryData.FromString(DateTimeOffset.UtcNow.ToString("O")), overwrite: true, cancellationToken).ConfigureAwait(false);
                await probe.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: a storage error message can carry a blob URL.
            return HealthCheckResult.Unhealthy($"Blob storage could not be written and read ({exception.GetType().Name}).");
        }
    }
}
