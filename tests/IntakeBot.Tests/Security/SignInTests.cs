using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Security;

/// <summary>Sign-in fails closed: without Bot credentials the host starts only in Development.</summary>
public sealed class SignInTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_development_the_host_refuses_to_start_without_an_app_id_and_names_the_key(string environment)
    {
        var bot = new BotProcess(azurite);
        bot.Environment["ASPNETCORE_ENVIRONMENT"] = environment;

        var (exitCode, output) = await bot.RunToExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("MicrosoftAppId", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_the_host_starts_without_an_app_id_and_says_it_is_unauthenticated()
    {
        await using var bot = new BotProcess(azurite);

        await bot.StartAsync();

        using var client = bot.Client();
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        Assert.Contains(bot.Output, l => l.Contains("accepts unauthenticated requests", StringComparison.Ordinal));
    }
}
