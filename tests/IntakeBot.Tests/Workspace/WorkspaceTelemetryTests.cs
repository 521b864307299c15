using System.Net;
using System.Net.Http.Json;
using IntakeBot.Cases;
using IntakeBot.Evidence;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Workspace;

/// <summary>The telemetry policy covers the tab's API: with OTLP export on, a request to every
/// <c>/api/workspace</c> route exports its route, and no case reference in a path, no UPN and nothing
/// anyone wrote (the answers, a file name, a note, a message, a summary).</summary>
[LongRunning]
public sealed class WorkspaceTelemetryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Put into the answers, the evidence's name and content, and every text the owner sends.</summary>
    private const string Canary = "Quokka7Canary";

    /// <summary>The owner's UPN (in the token) and the roster entry the case is handed to.</summary>
    private const string UpnCanary = "wombat3canary@contoso.test";

    [Fact]
    public async Task Every_workspace_route_exports_its_route_and_no_reference_path_upn_or_report_content()
    {
        await using var otlp = await OtlpReceiver.StartAsync();
        var settings = new Dictionary<string, string?>(otlp.Environment.ToDictionary(e => e.Key, e => (string?)e.Value))
        {
            ["Workspace:InsightsRoles:0"] = WorkspaceApp.OwnerId,
            ["Intake:Responders:2"] = UpnCanary,
        };
        await using var workspace = await WorkspaceApp.StartAsync(azurite, settings);
        var reference = await workspace.SeedAsync(WorkspaceApp.OwnerId, r => r with
        {
            Reporter = new Reporter("29:reporter", Guid.NewGuid().ToString(), $"{Canary} Reporter"),
            Answers = new IntakeAnswers { WhatHappened = [$"{Canary} shouted at me in the corridor."] },
        });
        var item = await workspace.App.Services.GetRequiredService<EvidenceStore>().SaveTextAsync(reference, "seed-1", $"pasted words of {Canary}", "reporter", 10_000, CancellationToken.None);
        await workspace.Store.UpdateAsync(reference, r => r with { Evidence = [item with { Number = 1, SafeName = $"{Canary}-minutes.txt" }] }, CancellationToken.None);
        using var owner = workspace.Client(workspace.Issuer.UserToken(WorkspaceApp.OwnerId, UpnCanary));
        var said = new { requestId = Guid.NewGuid(), text = $"{Canary} called back" };

        HttpResponseMessage[] responses =
        [
            await owner.GetAsync($"/api/workspace/texts?locale=de-DE"),
            await owner.GetAsync("/api/workspace/cases?status=open"),
            await owner.GetAsync($"/api/workspace/cases/{reference}?locale=fr-FR"),
            await owner.GetAsync($"/api/workspace/cases/{reference}/evidence/1"),
            await owner.GetAsync("/api/workspace/insights"),
            await owner.PostAsJsonAsync($"/api/workspace/cases/{reference}/acknowledge", new { requestId = Guid.NewGuid() }),
            await owner.PostAsJsonAsync($"/api/workspace/cases/{reference}/note", said with { requestId = Guid.NewGuid() }),
            await owner.PostAsJsonAsync($"/api/workspace/cases/{reference}/message", said with { requestId = Guid.NewGuid() }),
            await owner.PostAsJsonAsync($"/api/workspace/cases/{reference}/summary", said with { requestId = Guid.NewGuid() }),
            await owner.PostAsJsonAsync($"/api/workspace/cases/{reference}/hold", new { requestId = Guid.NewGuid() }),
            await owner.PostAsJsonAsync($"/api/workspace/cases/{reference}/release", new { requestId = Guid.NewGuid() }),
            await owner.PostAsJsonAsync($"/api/workspace/cases/{reference}/close", new { requestId = Guid.NewGuid() }),
            await owner.PostAsJsonAsync($"/api/workspace/cases/{reference}/transfer", new { requestId = Guid.NewGuid(), text = UpnCanary }),
        ];

        string[] routes =
        [
            "/api/workspace/texts", "/api/workspace/cases", "/api/workspace/cases/{reference}", "/api/workspace/cases/{reference}/evidence/{number:int}",
            "/api/workspace/insights", .. new[] { "acknowledge", "note", "message", "summary", "hold", "release", "close", "transfer" }.Select(v => $"/api/workspace/cases/{{reference}}/{v}"),
        ];
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (routes.Any(r => !otlp.Contains("traces", r)) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(UpnCanary, (await workspace.Store.GetAsync(reference, CancellationToken.None))!.Owner);
        Assert.All(routes, r => Assert.True(otlp.Contains("traces", r), $"No span of {r} was exported."));
        Assert.False(otlp.Contains("traces", $"/cases/{reference}"), "A case reference in a request path is exported.");
        Assert.Empty(otlp.SignalsContaining(Canary));
        Assert.Empty(otlp.SignalsContaining("wombat3canary"));
        Assert.Empty(otlp.SignalsContaining("contoso.test"));
    }
}
