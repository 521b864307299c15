using System.Diagnostics;
using Azure.Storage.Blobs;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>A real Azurite blob service, in memory, on a free loopback port, from the repository's
/// pinned npm install. It can be stopped and started again on the same port to play an outage.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly ServerProcess _process = new();

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
            ArgumentList = { azurite, "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent" },
            WorkingDirectory = Path.GetTempPath(),
        };
        await _process.StartAsync(start, Port, TimeSpan.FromSeconds(30));
    }

    public Task StopAsync() => _process.KillAsync();

    public Task DisposeAsync() => StopAsync();
}
