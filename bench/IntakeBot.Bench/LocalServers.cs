using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IntakeBot.Bench;

/// <summary>Azurite from the repository's pinned install, in memory, on a free loopback port.</summary>
internal sealed class LocalAzurite : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;
    private bool _disposed;

    private LocalAzurite(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>The connection string of an Azurite reached on <paramref name="port"/> (itself, or a relay to it).</summary>
    public static string ConnectionStringFor(int port)
        => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public static Task<LocalAzurite> StartAsync(string repoRoot) => StartAsync(repoRoot, FreePort(), location: null);

    /// <summary>On <paramref name="port"/>; kept on disk in <paramref name="location"/> when one is given,
    /// so that Azurite can be stopped and started again there with what it held.</summary>
    public static async Task<LocalAzurite> StartAsync(string repoRoot, int port, string? location)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "blob", "main.js"), "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--loose", "--silent" },
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start (run npm ci first).");
        try
        {
            // A loaded machine can take a minute to start node and load what Azurite kept on disk.
            await WaitForPortAsync(port, attempts: location is null ? 300 : 1200);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }

        return new LocalAzurite(process, port);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForPortAsync(int port, int attempts = 300)
    {
        for (var i = 0; i < attempts; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Nothing listened on 127.0.0.1:{port}.");
    }

    /// <summary>SIGINT, as a service that goes down for maintenance: Azurite closes and saves what it
    /// acknowledged. (It keeps its blob list in memory and saves it every 5 s, so a SIGKILL forgets writes
    /// it had acknowledged, which Azure Storage never does; a soak that killed it counted those as lost.)</summary>
    public async Task StopAsync()
    {
        if (!_disposed && !_process.HasExited)
        {
            using (var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Azurite did not close within 30 s of SIGINT and was killed: writes it acknowledged may be gone.");
            }
        }

        Dispose();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
