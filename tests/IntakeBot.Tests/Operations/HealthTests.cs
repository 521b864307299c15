using System.Net;
using IntakeBot.Health;
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
            ["Health:ReadyIntervalSeconds"] = "1",
        });
        using var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        await WaitForAsync(client, "/healthz/ready", HttpStatusCode.OK);

        await azurite.StopAsync();

        // The result of the last check is reused for a second; the first check after it finds storage down.
        var whileDown = await WaitForAsync(client, "/healthz/ready", HttpStatusCode.ServiceUnavailable);
        var liveWhileDown = await client.GetAsync("/healthz/live");
        var aliasWhileDown = await client.GetAsync("/healthz");
        await azurite.StartAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.StatusCode);
        Assert.Equal("Unhealthy", await whileDown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, liveWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliasWhileDown.StatusCode);
        await WaitForAsync(client, "/healthz/ready", HttpStatusCode.OK);
    }

    [Fact]
    public async Task Many_readiness_calls_at_once_and_in_a_row_write_the_probe_once_in_each_container()
    {
        var requests = new StorageRequests();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Health:ReadyIntervalSeconds"] = "300" }, services => requests.Install(azurite, services));
        using var client = app.CreateClient();
        var mark = requests.Count;

        var atOnce = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/healthz/ready")));
        var inARow = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            inARow.Add(await client.GetAsync("/healthz/ready"));
        }

        Assert.All(atOnce.Concat(inARow), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var writes = requests.Since(mark, StorageReadinessCheck.ProbeBlob).Where(r => r.StartsWith("PUT ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, writes.Count);
        Assert.Single(writes, w => w.Contains($"/{app.CasesContainer}/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    public async Task A_readiness_interval_out_of_range_stops_start_up_naming_the_key(string seconds)
    {
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Health:ReadyIntervalSeconds"] = seconds });

        Assert.Contains("Health:ReadyIntervalSeconds must be between 1 and 300", app.StartupFailure(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> WaitForAsync(HttpClient client, string path, HttpStatusCode status)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await client.GetAsync(path, timeout.Token);
            if (response.StatusCode == status)
            {
                return response;
            }

            await Task.Delay(200, timeout.Token);
        }
    }
}
