using System.Diagnostics;
using System.Globalization;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>The built bot as its own process on a free loopback port, so that a test can kill it
/// outright (SIGKILL) and start it again on the same storage.</summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly ServerProcess _process = new();

    public BotProcess(AzuriteFixture azurite)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        _environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__CasesContainer"] = $"cases-{suffix}",
            ["Storage__StateContainer"] = $"state-{suffix}",
            ["Retention__Container"] = $"retention-{suffix}",
            ["Intake__FaqUrl"] = BotApp.FaqUrl,
            ["Intake__UrgentHelp"] = BotApp.UrgentHelp,
            ["Intake__CrisisHelp"] = BotApp.CrisisHelp,
            ["Intake__DefaultOwner"] = BotApp.DefaultOwner,
            ["Intake__Responders__0"] = BotApp.DefaultOwner,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        };
    }

    public int Port { get; } = FreePort.Next();

    /// <summary>A second instance on the same storage, as App Service scales out.</summary>
    public BotProcess SameStorage(AzuriteFixture azurite)
    {
        var other = new BotProcess(azurite);
        foreach (var (key, value) in _environment)
        {
            other._environment[key] = value;
        }

        return other;
    }

    public string CasesContainer => _environment["Storage__CasesContainer"];

    public string StateContainer => _environment["Storage__StateContainer"];

    /// <summary>What the bot wrote to its console (its log), across restarts.</summary>
    public IEnumerable<string> Output => _process.Output;

    public HttpClient Client() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };

    /// <summary>Settings for the next start, as environment variables ("Section__Key").</summary>
    public IDictionary<string, string> Environment => _environment;

    public Task StartAsync() => _process.StartAsync(StartInfo(), Port, TimeSpan.FromSeconds(120));

    /// <summary>Starts the bot and waits for it to exit by itself, as it does when its configuration
    /// is refused; returns its exit code and everything it wrote.</summary>
    public async Task<(int ExitCode, string Output)> RunToExitAsync()
    {
        var start = StartInfo();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private ProcessStartInfo StartInfo()
    {
        // The test project builds the bot alongside itself, in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "src", "IntakeBot", "bin", configuration, "net10.0", "IntakeBot.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>SIGINT, as App Service stopping an instance: the host shuts down cleanly and flushes.</summary>
    public Task StopAsync() => _process.InterruptAsync();

    /// <summary>SIGKILL: no shutdown hooks, no flush; whatever was not stored is gone.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync() => await KillAsync();
}
