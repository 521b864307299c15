using System.Net;
using System.Net.Http.Json;
using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Workspace;

/// <summary>The workspace API takes only a valid Entra ID token for its own audience, from an allowed
/// tenant, with the tab's scope: anything else is refused before a case is read.</summary>
public sealed class WorkspaceSignInTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private WorkspaceApp _workspace = null!;

    public async Task InitializeAsync() => _workspace = await WorkspaceApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _workspace.DisposeAsync();

    /// <summary>A token without the tab's scope is a valid sign-in for something else: 403.</summary>
    public static TheoryData<string, HttpStatusCode> BadTokens() => new()
    {
        { "none", HttpStatusCode.Unauthorized },
        { "expired", HttpStatusCode.Unauthorized },
        { "audience", HttpStatusCode.Unauthorized },
        { "signature", HttpStatusCode.Unauthorized },
        { "foreign-tenant", HttpStatusCode.Unauthorized },
        { "malformed", HttpStatusCode.Unauthorized },
        { "no-scope", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Every_other_token_is_refused_and_reads_nothing(string kind, HttpStatusCode refusal)
    {
        var reference = await _workspace.SeedAsync(WorkspaceApp.OwnerId);
        var issuer = _workspace.Issuer;
        var token = kind switch
        {
            "none" => null,
            "expired" => issuer.UserToken(WorkspaceApp.OwnerId, expired: true),
            "audience" => issuer.UserToken(WorkspaceApp.OwnerId, audience: "api://elsewhere.test/" + Guid.NewGuid()),
            "signature" => issuer.UserToken(WorkspaceApp.OwnerId, badSignature: true),
            "foreign-tenant" => issuer.UserToken(WorkspaceApp.OwnerId, tenantId: Guid.NewGuid().ToString()),
            "no-scope" => issuer.UserToken(WorkspaceApp.OwnerId, scope: "something_else"),
            _ => "not.a.token",
        };

        using var refused = _workspace.Client(token);
        var list = await refused.GetAsync("/api/workspace/cases");
        var read = await refused.GetAsync($"/api/workspace/cases/{reference}");
        var acknowledged = await refused.PostAsJsonAsync($"/api/workspace/cases/{reference}/acknowledge", new { requestId = Guid.NewGuid() });
        using var owner = _workspace.Owner();
        var shown = await owner.GetAsync($"/api/workspace/cases/{reference}");

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(refusal, list.StatusCode);
        Assert.Equal(refusal, read.StatusCode);
        Assert.Equal(refusal, acknowledged.StatusCode);
        Assert.DoesNotContain(reference, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var audit = await _workspace.Store.ReadAuditAsync(reference, CancellationToken.None);
        Assert.Single(audit, a => a.Action == AuditAction.View);
        Assert.DoesNotContain(audit, a => a.Action == AuditAction.Status);
        Assert.Equal(CaseStatus.Submitted, (await _workspace.Store.GetAsync(reference, CancellationToken.None))!.Status);
    }
}
