namespace IntakeBot.Storage;

/// <summary>Creates the containers before the bot takes its first message.</summary>
public sealed class ContainerInitializer(BlobContainers containers, ILogger<ContainerInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await containers.CreateIfMissingAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Blob containers {Cases} and {State} are ready.", containers.Cases.Name, containers.State.Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
