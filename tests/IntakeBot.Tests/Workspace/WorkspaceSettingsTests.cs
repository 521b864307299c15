using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Workspace;

/// <summary>The workspace is on only with a complete <c>AzureAd</c> section, and says so either way.</summary>
public sealed class WorkspaceSettingsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Without_AzureAd_the_workspace_is_off_says_so_and_its_routes_do_not_answer()
    {
        await using var app = new BotApp(azurite);
        using var client = app.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/api/workspace/cases")).StatusCode);
        Assert.Contains(app.Logs.Lines, l => l.Contains("workspace tab is off", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Workspace:InsightsRoles:0", "hr-leads@contoso.test")]
    [InlineData("Workspace:PageSize", "0")]
    public async Task A_wrong_workspace_setting_stops_the_start_and_names_the_key(string key, string value)
    {
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { [key] = value });

        Assert.Contains(key, app.StartupFailure(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AzureAd:TenantId", "contoso.onmicrosoft.com")]
    [InlineData("AzureAd:ClientId", "")]
    [InlineData("AzureAd:Audience", "api://intakebot.test/some-other-app")]
    [InlineData("AzureAd:Instance", "http://login.example.test/")]
    public async Task A_half_configured_sign_in_stops_the_start_and_names_the_key(string key, string value)
    {
        await using var issuer = await TokenIssuer.StartAsync();
        var settings = issuer.EntraSettings();
        settings[key] = value;
        await using var app = new BotApp(azurite, settings);

        Assert.Contains(key, app.StartupFailure(), StringComparison.Ordinal);
    }
}
