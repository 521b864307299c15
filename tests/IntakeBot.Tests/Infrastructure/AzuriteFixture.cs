using Azure.Storage.Blobs;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>A real Azurite blob service, in memory, on a loopback port, shared with a few other test
/// classes (see <see cref="AzuritePool"/>): a node start per class cost more than the tests themselves.
/// Every app and rig names its containers with a suffix of its own, so classes on the same Azurite never
/// see each other's blobs.</summary>
public class AzuriteFixture : IAsyncLifetime
{
    private AzuritePool.Lease? _lease;

    public virtual int Port => (_lease ?? throw new InvalidOperationException("Azurite is not started yet.")).Port;

    public string ConnectionString
        => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteProcess.AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public BlobServiceClient Client => new(ConnectionString);

    public virtual async Task InitializeAsync() => _lease = await AzuritePool.LeaseAsync();

    public virtual Task DisposeAsync()
    {
        _lease?.Dispose();
        _lease = null;
        return Task.CompletedTask;
    }
}

/// <summary>An in-memory Azurite of this class's own, for a class that stores thousands of blobs: on a
/// shared process they would slow every other class's lookups, and theirs would slow it.</summary>
public sealed class OwnAzuriteFixture : AzuriteFixture
{
    private readonly AzuriteProcess _process = new(["--inMemoryPersistence"]);

    public override int Port => _process.Port;

    public override Task InitializeAsync() => _process.StartAsync();

    public override Task DisposeAsync() => _process.KillAsync();
}

/// <summary>An Azurite of this class's own that keeps its data on disk, so that it can be stopped (an
/// outage) and started again with everything still there.</summary>
public sealed class PersistentAzuriteFixture : AzuriteFixture
{
    private readonly AzuriteProcess _process = new(["--location", Directory.CreateTempSubdirectory("azurite-").FullName]);

    public override int Port => _process.Port;

    public override Task InitializeAsync() => StartAsync();

    public Task StartAsync() => _process.StartAsync();

    /// <summary>Stops the way a service goes away, cleanly: Azurite keeps what it had stored.</summary>
    public Task StopAsync() => _process.InterruptAsync();

    public override Task DisposeAsync() => _process.KillAsync();
}
