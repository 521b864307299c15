using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>One Azurite blob service from the repository's pinned npm install, started through
/// <c>tests/azurite-launch.mjs</c>, as a node process on a free loopback port that stays the same across
/// restarts.</summary>
internal sealed class AzuriteProcess(IReadOnlyList<string> persistence)
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ServerProcess _process = new();

    public int Port { get; } = FreePort.Next();

    public async Task StartAsync()
    {
        if (!File.Exists(Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "blob", "main.js")))
        {
            throw new InvalidOperationException("Azurite is not installed: run ./scripts/test.sh (it runs npm ci) from the repository root.");
        }

        // Azurite collects telemetry by default: after it listens it sets up Application Insights and sends a
        // start event off this machine, then samples requests; none of that belongs in a test run. The
        // launcher starts Azurite's own blob entry without loading that client or the SQL store at all.
        var launcher = Path.Combine(RepoPaths.Root, "tests", "azurite-launch.mjs");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { launcher, "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry" },
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in persistence)
        {
            start.ArgumentList.Add(argument);
        }

        // Generous: on a loaded two-core CI machine a cold node start can take tens of seconds.
        await _process.StartAsync(start, Port, TimeSpan.FromSeconds(120));
    }

    public Task InterruptAsync() => _process.InterruptAsync();

    public Task KillAsync() => _process.KillAsync();
}
