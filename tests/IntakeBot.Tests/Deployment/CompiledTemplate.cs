using System.Text.Json.Nodes;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Deployment;

/// <summary><c>infra/main.bicep</c> compiled once for the tests that read the template: a compile costs
/// about 3 s of CPU, and it used to be done once a test.</summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    public int ExitCode { get; private set; }

    public string Output { get; private set; } = string.Empty;

    public string Errors { get; private set; } = string.Empty;

    /// <summary>The compiled ARM template; each test gets its own copy to read.</summary>
    public JsonNode Template => JsonNode.Parse(Output)!;

    public async Task InitializeAsync() => (ExitCode, Output, Errors) = await Bicep.BuildAsync(Path.Combine(RepoPaths.Root, "infra", "main.bicep"));

    public Task DisposeAsync() => Task.CompletedTask;
}
