using System.Net;
using System.Text.Json.Nodes;
using IntakeBot.Cases;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Workspace;

/// <summary>The statistics give counts only, to the insights readers only, and never a count under five.</summary>
public sealed class WorkspaceInsightsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string Reader = Guid.NewGuid().ToString();

    private WorkspaceApp _workspace = null!;

    public async Task InitializeAsync() => _workspace = await WorkspaceApp.StartAsync(azurite, new Dictionary<string, string?> { ["Workspace:InsightsRoles:0"] = Reader });

    public async Task DisposeAsync() => await _workspace.DisposeAsync();

    [Fact]
    public async Task Counts_of_five_or_more_are_shown_and_smaller_ones_suppressed()
    {
        for (var i = 0; i < 6; i++)
        {
            await _workspace.SeedAsync(WorkspaceApp.OwnerId, r => r with { Answers = new IntakeAnswers { WhatHappened = ["canary-insight-words"] } });
        }

        for (var i = 0; i < 2; i++)
        {
            await _workspace.SeedAsync(WorkspaceApp.OtherResponderId, r => r with { Kind = CaseKind.TakenByResponder, SafetyConcern = true });
        }

        using var reader = _workspace.Client(_workspace.Issuer.UserToken(Reader));
        using var owner = _workspace.Owner();
        var response = await reader.GetAsync("/api/workspace/insights");
        var refused = await owner.GetAsync("/api/workspace/insights");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var cells = JsonNode.Parse(body)!.AsArray().ToDictionary(c => $"{c!["dimension"]}/{c["value"]}", c => c!["count"]?.GetValue<int>());
        Assert.Equal(6, cells[$"kind/{CaseKind.SelfReport.ToStoredName()}"]);
        Assert.Null(cells[$"kind/{CaseKind.TakenByResponder.ToStoredName()}"]);
        Assert.Equal(8, cells[$"status/{CaseStatus.Submitted.ToStoredName()}"]);
        Assert.Equal(6, cells["safetyConcern/no"]);
        Assert.Null(cells["safetyConcern/yes"]);
        Assert.Equal(8, cells["timeToAcknowledge/not-acknowledged"]);
        Assert.DoesNotContain("canary-insight-words", body, StringComparison.Ordinal);
        Assert.DoesNotContain("IR-", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }
}
