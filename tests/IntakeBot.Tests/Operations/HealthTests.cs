using System.Net;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Operations;

public sealed class HealthTests(PersistentAzuriteFixture azurite) : IClassFixture<PersistentAzuriteFixture>
{
    [Fact]
    public async Task Readiness_fails_within_its_timeout_while_storage_is_down_and_recovers_when_it_is_back_while_liveness_stays_up()
    {
        // Storage retries alone would hold a check for minutes: only the readiness timeout answers in time.
        await using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Storage:MaxRetries"] = "10",
            ["Storage:RetryDelayMilliseconds"] = "5000",
            ["Health:ReadyTimeoutSeconds"] = "2",
        });
        using var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        await WaitForAsync(client, "/healthz/ready", HttpStatusCode.OK);

        await azurite.StopAsync();
        var whileDown = await client.GetAsync("/healthz/ready");
        var liveWhileDown = await client.GetAsync("/healthz/live");
        var aliasWhileDown = await client.GetAsync("/healthz");
        await azurite.StartAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.StatusCode);
        Assert.Equal("Unhealthy", await whileDown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, liveWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliasWhileDown.StatusCode);
        await WaitForAsync(client, "/healthz/ready", HttpStatusCode.OK);
    }

    private static async Task WaitForAsync(HttpClient client, string path, HttpStatusCode status)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await client.GetAsync(path, timeout.Token)).StatusCode != status)
        {
            await Task.Delay(200, timeout.Token);
        }
    }
}
