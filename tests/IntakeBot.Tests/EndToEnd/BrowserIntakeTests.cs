using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IntakeBot.Cases;
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

    /// <summary>After the receipt, "Report this message" is used twice in the Playground: the first kept
    /// message is declined ("Not now") and leaves nothing; the second is added to the submitted report.</summary>
    [Fact]
    public async Task A_whole_intake_typed_into_the_playground_ends_with_a_receipt_and_the_case_in_blob_storage_and_a_reported_message_joins_it()
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

            // What the pop-up was given to say each time, nothing posted where the action was used.
            var answers = JsonNode.Parse(output.Trim().Split('\n')[^1])!["answers"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            Assert.Equal(2, answers.Count);
            Assert.All(answers, a => Assert.StartsWith("Kept privately.", a, StringComparison.Ordinal));
            var blobs = new CaseBlobs(azurite, bot.CasesContainer, bot.StateContainer);
            var kept = await KeptMessageAsync(blobs, reference);
            Assert.Equal("I dread the weekly call now.", kept.Message!.Excerpt);
            Assert.Equal(MessageFacts.KindChat, kept.Message.ConversationKind);
            var content = (await blobs.Cases.GetBlobClient(kept.BlobName).DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(kept.Sha256, Convert.ToHexStringLower(SHA256.HashData(content)));
            // The message declined with "Not now" is in no report and no longer held in the chat's state.
            Assert.Single((await blobs.CaseAsync(reference)).Evidence, e => e.Kind == MessageFacts.EvidenceKind);
            Assert.Empty(await blobs.StateBlobsContainingAsync("\"capturedMessages\""));
        }
        finally
        {
            await playground.KillAsync();
        }
    }

    /// <summary>The kept message in the case's evidence: it is written after the turn that added it
    /// commits, so it may land just after the bot said so.</summary>
    private static async Task<EvidenceItem> KeptMessageAsync(CaseBlobs blobs, string reference)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var kept = (await blobs.CaseAsync(reference)).Evidence.FirstOrDefault(e => e.Kind == MessageFacts.EvidenceKind);
            if (kept is not null)
            {
                return kept;
            }

            await Task.Delay(100, patience.Token);
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
