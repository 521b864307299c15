using System.Diagnostics;

namespace IntakeBot.Tests.Deployment;

/// <summary>The Bicep CLI from NuGet, compiling one file to an ARM template on its standard output.</summary>
internal static class Bicep
{
    private static readonly string Cli = Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "azure.bicep.commandline.linux-x64", "0.49.2", "tools", "bicep");

    public static async Task<(int ExitCode, string Output, string Errors)> BuildAsync(string file)
    {
        var start = new ProcessStartInfo(Cli)
        {
            ArgumentList = { "build", file, "--stdout" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        // A compile runs most of its code once: jitting it fully optimized at once costs less CPU than
        // tiering it up (about 2.7 s against 3.4 s a compile on two cores).
        start.Environment["DOTNET_TieredCompilation"] = "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
