using System.Diagnostics;
using System.Text.Json.Nodes;
using IntakeBot.Cases;
using IntakeBot.Cases.Answers;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Workspace;

/// <summary>The tab in a real headless Chromium, served by the real host on a loopback port, signed in
/// with a token from the test's issuer handed out by a stand-in for the Teams SDK
/// (tests/browser/drive-workspace.mjs): the owner sees their cases with their flags, opens one and
/// acknowledges it (after which Acknowledge is no longer offered), and its reporter is told once. Alone,
/// as the other browser test, for the two cores.</summary>
[Collection(Alone.Name)]
public sealed class WorkspaceBrowserTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    [Fact]
    public async Task The_owner_sees_the_flags_opens_a_case_and_acknowledges_it_and_the_reporter_is_told_once()
    {
        Assert.True(File.Exists(Chromium), $"Chromium is needed at {Chromium}: ./scripts/test.sh installs Debian's chromium package.");
        await using var workspace = await WorkspaceApp.StartAsync(azurite);
        var port = FreePort.Next();
        workspace.App.UseKestrel(port);
        workspace.App.StartServer();
        var reporter = new HttpChat(workspace.App.CreateClient());
        var reported = await reporter.SubmitReportAsync();
        var past = DateTimeOffset.UtcNow.AddDays(-2);
        var overdue = await workspace.SeedAsync(WorkspaceApp.OwnerId, r => r with { Deadlines = [new CaseDeadline(DeadlineKind.Acknowledge, past, past.AddDays(-1))] });
        var unsafeCase = await workspace.SeedAsync(WorkspaceApp.OwnerId, r => r with { SafetyConcern = true, Answers = new IntakeAnswers { ContactChoice = ContactAnswer.NoContact } });
        await workspace.SeedAsync(WorkspaceApp.OtherResponderId);
        var screenshot = Path.Combine(AppContext.BaseDirectory, "browser", "workspace.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);

        var (exitCode, output, errors) = await RunAsync(
            "node", Path.Combine(RepoPaths.Root, "tests", "browser", "drive-workspace.mjs"), $"http://localhost:{port}", workspace.Issuer.UserToken(WorkspaceApp.OwnerId), reported, screenshot);

        Assert.True(exitCode == 0, $"The browser run failed: {errors}");
        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        var rows = result["rows"]!.AsArray().ToDictionary(r => r!["reference"]!.GetValue<string>(), r => r!["flags"]!.AsArray().Select(f => f!.GetValue<string>()).ToList());
        Assert.Equal([unsafeCase, overdue, reported], rows.Keys.ToList());
        Assert.Equal(["Safety concern", "No contact"], rows[unsafeCase]);
        Assert.Equal(["Overdue"], rows[overdue]);
        Assert.Contains("acknowledged", result["status"]!.GetValue<string>(), StringComparison.Ordinal);
        var actions = result["actions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Contains("Close the case", actions);
        Assert.DoesNotContain("Acknowledge", actions);
        Assert.Empty(result["errors"]!.AsArray());
        Assert.True(File.Exists(screenshot));
        Assert.Equal(CaseStatus.Acknowledged, (await workspace.Store.GetAsync(reported, CancellationToken.None))!.Status);
        Assert.Equal(["ReporterCaseAcknowledged"], await workspace.ReporterNoticesAsync(azurite, reported));
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
