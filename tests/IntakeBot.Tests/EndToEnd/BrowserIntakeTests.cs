using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>A person in a browser: Microsoft 365 Agents Playground (the local Teams-like client)
/// against the real bot process and Azurite, driven by Playwright in headless Debian Chromium. It runs
/// alone, after the parallel classes: a browser, the Playground and the bot competing with them for two
/// cores made its waits a matter of luck.</summary>
[Collection(Alone.Name)]
public sealed class BrowserIntakeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    [Fact]
    public async Task A_whole_intake_typed_into_the_playground_ends_with_a_receipt_and_the_case_in_blob_storage()
    {
        Assert.True(File.Exists(Chromium), $"Chromium is needed at {Chromium}: ./scripts/test.sh installs Debian's chromium package.");
        await using var bot = new BotProcess(azurite);
        await bot.StartAsync();
        var playground = new ServerProcess();
        var port = FreePort.Next();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                Path.Combine(RepoPaths.Root, "node_modules", "@microsoft", "m365agentsplayground", "cli.js"),
                "-e", $"http://127.0.0.1:{bot.Port}/api/messages", "-c", "msteams", "-p", port.ToString(CultureInfo.InvariantCulture), "--dt",
            },
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        await playground.StartAsync(start, port, TimeSpan.FromSeconds(120));
        try
        {
            var screenshot = Path.Combine(AppContext.BaseDirectory, "browser", "intake-finished.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);

            var (exitCode, output, errors) = await RunAsync("node", Path.Combine(RepoPaths.Root, "tests", "browser", "drive-intake.mjs"), $"http://127.0.0.1:{port}", screenshot);

            Assert.True(exitCode == 0, $"The browser run failed: {errors}");
            var reference = JsonNode.Parse(output.Trim().Split('\n')[^1])!["reference"]!.GetValue<string>();
            Assert.Matches("^IR-[0-9A-Z]{8}$", reference);
            Assert.True(File.Exists(screenshot));
            var record = (await azurite.Client.GetBlobContainerClient(bot.CasesContainer).GetBlobClient($"{reference}/case.json").DownloadContentAsync()).Value.Content.ToString();
            Assert.Contains("Someone kept interrupting me in meetings and mocking my accent.", record, StringComparison.Ordinal);
            Assert.Contains("\"status\":\"submitted\"", record, StringComparison.Ordinal);
        }
        finally
        {
            await playground.KillAsync();
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
