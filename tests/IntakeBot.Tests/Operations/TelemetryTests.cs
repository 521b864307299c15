using System.Text;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Operations;

[LongRunning]
public sealed class TelemetryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Put into every answer and the evidence file's name, path and content: if any of it
    /// reaches telemetry, this word is in an export.</summary>
    private const string Canary = "Quokka7Canary";

    /// <summary>The colleague's UPN and display name: a word of its own, since a colleague named in the
    /// report is never given access (the share would be refused and no invite made).</summary>
    private const string ColleagueCanary = "Wombat3Canary";

    [Fact]
    public async Task An_intake_a_share_a_revoke_and_a_graph_outage_export_turn_storage_and_graph_telemetry_with_no_answer_file_name_or_upn_in_it()
    {
        await using var otlp = await OtlpReceiver.StartAsync();
        await using var graph = await GraphServer.StartAsync();
        await using var files = await FileServer.StartAsync();
        var upn = $"{ColleagueCanary.ToLowerInvariant()}@contoso.test";
        graph.AddUser("u-canary", upn, $"{ColleagueCanary} Colleague");
        var ownerId = Guid.NewGuid().ToString();
        await using var bot = new BotProcess(azurite);
        foreach (var (key, value) in otlp.Environment)
        {
            bot.Environment[key] = value;
        }

        bot.Environment["Intake__DefaultOwner"] = ownerId;
        bot.Environment["Intake__Responders__0"] = ownerId;
        bot.Environment["Evidence__AllowedHosts__0"] = "127.0.0.1";
        bot.Environment["Sharing__DriveId"] = GraphServer.DriveId;
        bot.Environment["Sharing__GraphBaseUrl"] = graph.BaseUrl;
        bot.Environment["Sharing__Credential"] = "None";
        bot.Environment["Sharing__FolderPath"] = $"Cases of {Canary}";
        bot.Environment["Sharing__MaxRetries"] = "0";
        await bot.StartAsync();

        var reporter = new HttpChat(bot.Client(), serviceUrl: files.BaseUrl + "/");
        var words = Intake.UpToReview(Canary);
        var evidenceStep = Array.IndexOf(words, "skip");
        await reporter.SayAllAsync(words[..evidenceStep]);
        var pdf = files.Serve($"{Canary}-minutes.pdf", Encoding.ASCII.GetBytes($"%PDF-1.7\nminutes by {Canary}\n%%EOF"), "application/pdf");
        await reporter.SendAsync(null, [HttpChat.UploadedFile($"{Canary} minutes.pdf", pdf)]);
        var reference = await reporter.SubmitReportAsync(["done", .. words[(evidenceStep + 1)..]]);
        var owner = new HttpChat(bot.Client(), ownerId);
        var shared = await owner.SayAsync($"share {reference} with {upn}");
        var revoked = await owner.SayAsync($"revoke {reference} from {upn}");
        graph.Down = true;
        var failed = await owner.SayAsync($"share {reference} with {upn}");

        string[] metrics =
        [
            "intake.turns", "intake.turn.duration", "intake.storage.duration", "intake.graph.duration", "intake.graph.failures",
            "intake.intakes.started", "intake.intakes.submitted", "intake.evidence.bytes", "http.server.request.duration",
        ];
        string[] spans = ["turn message", "storage PUT evidence", "storage PUT case", "graph POST v1.0/drives/invite", "graph DELETE v1.0/drives/permissions"];
        await WaitUntilAsync(() => [
            .. metrics.Where(m => !otlp.Contains("metrics", m)),
            .. spans.Where(s => !otlp.Contains("traces", s)),
            .. otlp.Contains("logs", "failed at Microsoft Graph") ? Array.Empty<string>() : ["log: failed at Microsoft Graph"],
        ]);
        await bot.StopAsync();

        Assert.StartsWith($"{ColleagueCanary} Colleague can now read", shared[0], StringComparison.Ordinal);
        Assert.StartsWith($"{ColleagueCanary} Colleague can no longer read", revoked[0], StringComparison.Ordinal);
        Assert.NotEmpty(failed);
        Assert.True(otlp.Contains("traces", reference), "Case references are allowed and make spans findable.");
        Assert.Empty(otlp.SignalsContaining(Canary));
        Assert.Empty(otlp.SignalsContaining(ColleagueCanary));
        Assert.Empty(otlp.SignalsContaining("contoso.test"));
    }

    [Fact]
    public async Task With_an_application_insights_connection_string_a_turn_and_a_share_export_requests_dependencies_and_metrics_with_no_answer_or_upn_in_them()
    {
        await using var ingestion = await TrackReceiver.StartAsync();
        await using var graph = await GraphServer.StartAsync();
        var upn = $"{ColleagueCanary.ToLowerInvariant()}@contoso.test";
        graph.AddUser("u-canary", upn, $"{ColleagueCanary} Colleague");
        var ownerId = Guid.NewGuid().ToString();
        await using var bot = new BotProcess(azurite);
        bot.Environment["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ingestion.ConnectionString;

        // Statsbeat reports the SDK's own health to a fixed Microsoft endpoint: off, as the test has no network.
        bot.Environment["APPLICATIONINSIGHTS_STATSBEAT_DISABLED"] = "true";

        // The exporter's own metric timer runs every 60 s; the app honours a shorter interval (MetricExportTimer).
        bot.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        bot.Environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        bot.Environment["OTEL_BLRP_SCHEDULE_DELAY"] = "200";
        bot.Environment["Intake__DefaultOwner"] = ownerId;
        bot.Environment["Intake__Responders__0"] = ownerId;
        bot.Environment["Sharing__DriveId"] = GraphServer.DriveId;
        bot.Environment["Sharing__GraphBaseUrl"] = graph.BaseUrl;
        bot.Environment["Sharing__Credential"] = "None";
        bot.Environment["Sharing__FolderPath"] = $"Cases of {Canary}";
        await bot.StartAsync();

        var reporter = new HttpChat(bot.Client());
        var reference = await reporter.SubmitReportAsync(Intake.UpToReview(Canary));
        var shared = await new HttpChat(bot.Client(), ownerId).SayAsync($"share {reference} with {upn}");

        // Requests (turns), dependencies (storage and Graph calls, the turn's span) and the app's own metrics.
        string[] expected = ["RequestData", "RemoteDependencyData", reference];
        string[] metrics = ["intake.turns", "intake.storage.duration"];
        await WaitUntilAsync(() => [
            .. expected.Where(e => !ingestion.Contains(e)),
            .. metrics.Where(m => !ingestion.Contains($"\"name\":\"{m}\"")),
        ]);

        // A later turn's metrics arrive at the interval set above, not at the exporter's next minute.
        var turnMetrics = ingestion.ItemsContaining("\"name\":\"intake.turns\"").Count;
        await reporter.SayAsync("help");
        await WaitUntilAsync(() => ingestion.ItemsContaining("\"name\":\"intake.turns\"").Count > turnMetrics ? [] : ["intake.turns of a later turn"]);
        await bot.StopAsync();

        Assert.StartsWith($"{ColleagueCanary} Colleague can now read", shared[0], StringComparison.Ordinal);
        Assert.All(ingestion.Paths, p => Assert.Matches("^/v2(\\.1)?/track$", p));
        Assert.Empty(ingestion.ItemsContaining(Canary));
        Assert.Empty(ingestion.ItemsContaining(ColleagueCanary));
        Assert.Empty(ingestion.ItemsContaining("contoso.test"));
    }

    [Fact]
    public async Task Bot_Framework_log_lines_of_a_notification_reach_telemetry_without_the_conversation_id()
    {
        await using var otlp = await OtlpReceiver.StartAsync();
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        await using var bot = new BotProcess(azurite);
        foreach (var (key, value) in otlp.Environment)
        {
            bot.Environment[key] = value;
        }

        bot.Environment["Intake__DefaultOwner"] = ownerId;
        bot.Environment["Intake__Responders__0"] = ownerId;
        await bot.StartAsync();

        var reporter = new HttpChat(bot.Client(), serviceUrl: connector.ServiceUrl);
        var reference = await reporter.SubmitReportAsync();
        var owner = new HttpChat(bot.Client(), ownerId, connector.ServiceUrl);
        await owner.SayAsync($"message {reference} could we talk tomorow?");

        // The reporter is reached in their 1:1 chat by a proactive turn, which Bot Framework logs.
        var told = await connector.WaitForSentAsync(a => (a.Value<string>("text") ?? string.Empty).Contains("new message about your report", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => otlp.Contains("logs", "Microsoft.Bot.Builder") || otlp.Contains("logs", "ProcessProactiveAsync") ? [] : ["a Bot Framework log line"]);
        await bot.StopAsync();

        Assert.Equal(reporter.ConversationId, told.ConversationId);
        Assert.True(otlp.Contains("traces", reference), "The turns were exported.");
        Assert.Empty(otlp.SignalsContaining(reporter.ConversationId));
        Assert.Empty(otlp.SignalsContaining(owner.ConversationId));
    }

    /// <summary>Waits until nothing is missing; fails naming what never arrived.</summary>
    private static async Task WaitUntilAsync(Func<IReadOnlyList<string>> missing)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (missing() is { Count: > 0 } absent)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Never exported: {string.Join(", ", absent)}");
            }

            await Task.Delay(100);
        }
    }
}
