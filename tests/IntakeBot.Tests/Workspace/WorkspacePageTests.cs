using System.Net;
using System.Text.RegularExpressions;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Workspace;

/// <summary>The tab's page comes from the bot's own host, may be framed only by Teams and Microsoft 365,
/// and runs no inline script and nothing from another origin.</summary>
public sealed partial class WorkspacePageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_page_is_served_with_a_policy_that_allows_only_its_own_scripts_and_Teams_framing()
    {
        await using var workspace = await WorkspaceApp.StartAsync(azurite);
        using var client = workspace.Client(token: null);

        var page = await client.GetAsync("/workspace/");
        var script = await client.GetAsync("/workspace/workspace.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("workspace.js", html, StringComparison.Ordinal);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors https://teams.microsoft.com", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.All(ScriptTag().Matches(html), m => Assert.Matches("src=\"[a-zA-Z/.]+\"", m.Value));
        Assert.DoesNotContain("innerHTML", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("://", ScriptTag().Matches(html).Select(m => m.Value).Aggregate(string.Empty, string.Concat), StringComparison.Ordinal);
    }

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
