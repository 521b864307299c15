using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;
using Azure.Storage.Blobs;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>A real Azurite blob service, in memory, on a free loopback port, from the repository's
/// pinned npm install. It can be stopped and started again on the same port to play an outage.</summary>
public class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private protected ServerProcess Process { get; } = new();

    public int Port { get; } = FreePort.Next();

    public string ConnectionString
        => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public BlobServiceClient Client => new(ConnectionString);

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var azurite = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException("Azurite is not installed: run ./scripts/test.sh (it runs npm ci) from the repository root.");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { azurite, "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--loose", "--silent" },
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in Persistence())
        {
            start.ArgumentList.Add(argument);
        }

        // Generous: on a loaded two-core CI machine a cold node start can take tens of seconds.
        await Process.StartAsync(start, Port, TimeSpan.FromSeconds(120));
    }

    public virtual Task StopAsync() => Process.KillAsync();

    /// <summary>In memory by default: fast, and gone with the process.</summary>
    protected virtual IEnumerable<string> Persistence() => ["--inMemoryPersistence"];

    public Task DisposeAsync() => StopAsync();
}

/// <summary>Azurite that keeps its data on disk, so that it can be stopped (an outage) and started again
/// with everything still there.</summary>
public sealed class PersistentAzuriteFixture : AzuriteFixture
{
    private readonly string _location = Directory.CreateTempSubdirectory("azurite-").FullName;

    protected override IEnumerable<string> Persistence() => ["--location", _location];

    /// <summary>Stops the way a service goes away, cleanly: Azurite keeps what it had stored.</summary>
    public override Task StopAsync() => Process.InterruptAsync();
}
