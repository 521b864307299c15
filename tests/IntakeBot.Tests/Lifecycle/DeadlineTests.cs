using System.Text.Json.Nodes;
using IntakeBot.Cases;
using IntakeBot.Lifecycle;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Tests.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Lifecycle;

/// <summary>Follow-up deadlines over HTTP, on Azurite, with a clock the test moves: the index tags, what
/// <c>cases</c> shows, and the owner's reminders from the background pass, by reference and date only.</summary>
public sealed class DeadlineTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Canary = "CANARY-deadline-3f9a-heron";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static BotApp App(AzuriteFixture azurite, string ownerId, ManualTime time, string interval = "PT1S", string? suffix = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Intake:DefaultOwner"] = ownerId,
            ["Intake:Responders:0"] = ownerId,
            ["Lifecycle:AcknowledgeWithin"] = "P7D",
            ["Lifecycle:FeedbackWithin"] = "P90D",
            ["Lifecycle:RemindBefore"] = "P2D",
            ["Lifecycle:ReminderInterval"] = interval,
        };
        if (suffix is not null)
        {
            settings["Storage:CasesContainer"] = $"cases-{suffix}";
            settings["Storage:StateContainer"] = $"state-{suffix}";
            settings["Retention:Container"] = $"retention-{suffix}";
        }

        return new BotApp(azurite, settings, services => services.AddSingleton<TimeProvider>(time));
    }

    private static async Task<IDictionary<string, string>> TagsAsync(AzuriteFixture azurite, BotApp app, string reference)
        => (await new CaseBlobs(azurite, app).Cases.GetBlobClient($"{reference}/case.json").GetTagsAsync()).Value.Tags;

    /// <summary>One pass of this process; when its background pass holds the lease at that moment, the next.</summary>
    private static async Task<int> PassAsync(BotApp app)
    {
        var reminders = app.Services.GetRequiredService<DeadlineReminders>();
        while (true)
        {
            if (await reminders.RunOnceAsync(CancellationToken.None) is { } decided)
            {
                return decided;
            }
        }
    }

    private static string Text(JObject activity) => activity.Value<string>("text") ?? string.Empty;

    [Fact]
    public async Task Owner_is_reminded_before_and_when_the_acknowledgement_is_due_and_acknowledging_stops_it()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var time = new ManualTime(Start);
        var ownerId = Guid.NewGuid().ToString();
        await using var app = App(azurite, ownerId, time);
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
        await owner.SayAsync("cases");
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var reference = await reporter.SubmitReportAsync(Intake.UpToReview(Canary));

        var tags = await TagsAsync(azurite, app, reference);
        Assert.Equal("2026-03-09T09:00:00Z", tags[CaseIndexTags.AckDue]);
        Assert.Equal("2026-05-31T09:00:00Z", tags[CaseIndexTags.FeedbackDue]);
        Assert.Equal("2026-03-07T09:00:00Z", tags[CaseIndexTags.RemindAt]);
        var listed = (await owner.SayAsync("cases"))[0];
        Assert.Contains("acknowledgement due by 2026-03-09 09:00 UTC; feedback to the reporter due by 2026-05-31 09:00 UTC", listed, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));
        var before = await connector.WaitForSentAsync(a => Text(a).StartsWith($"Reminder about {reference}", StringComparison.Ordinal), Patience);
        Assert.Equal(owner.ConversationId, before.ConversationId);
        Assert.Equal($"Reminder about {reference}: it is due to be acknowledged by 2026-03-09 09:00 UTC. Type **case {reference}** to open it.", Text(before.Activity));

        time.Advance(TimeSpan.FromDays(2));
        var passed = await connector.WaitForSentAsync(a => Text(a).Contains("that time has passed", StringComparison.Ordinal), Patience);
        Assert.Equal($"Reminder about {reference}: it was due to be acknowledged by 2026-03-09 09:00 UTC, and that time has passed. Type **case {reference}** to open it.", Text(passed.Activity));
        Assert.Contains("acknowledgement overdue since 2026-03-09 09:00 UTC", (await owner.SayAsync("cases"))[0], StringComparison.Ordinal);

        await owner.SayAsync($"acknowledge {reference}");
        tags = await TagsAsync(azurite, app, reference);
        Assert.False(tags.ContainsKey(CaseIndexTags.AckDue));
        Assert.Equal("2026-05-29T09:00:00Z", tags[CaseIndexTags.RemindAt]);
        var afterAcknowledging = (await owner.SayAsync("cases"))[0];
        Assert.DoesNotContain("acknowledgement", afterAcknowledging, StringComparison.Ordinal);
        Assert.Contains("feedback to the reporter due by 2026-05-31 09:00 UTC", afterAcknowledging, StringComparison.Ordinal);

        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        var acknowledge = Assert.Single(record.Deadlines, d => d.Kind == DeadlineKind.Acknowledge);
        Assert.Equal(ownerId, acknowledge.MetBy);
        Assert.NotNull(acknowledge.RemindedBefore);
        Assert.NotNull(acknowledge.RemindedPassed);
        Assert.Equal(2, connector.Sent.Count(s => Text(s.Activity).StartsWith("Reminder about", StringComparison.Ordinal)));
        Assert.DoesNotContain(connector.Sent, s => s.Activity.ToString().Contains(Canary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_case_submitted_before_deadlines_existed_gets_them_from_its_submission_at_start_up_and_its_owner_is_reminded()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var time = new ManualTime(Start);
        var ownerId = Guid.NewGuid().ToString();
        await using var app = App(azurite, ownerId, time, "PT1H", Guid.NewGuid().ToString("N")[..8]);
        var owner = new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl);
        await owner.SayAsync("cases");
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var reference = await reporter.SubmitReportAsync(Intake.UpToReview(Canary));

        // As it was stored before deadlines existed: none in the record, and the first version's tags.
        var blobs = new CaseBlobs(azurite, app);
        var blob = blobs.Cases.GetBlobClient($"{reference}/case.json");
        var stored = JsonNode.Parse((await blob.DownloadContentAsync()).Value.Content.ToString())!.AsObject();
        stored.Remove("deadlines");
        await blob.UploadAsync(BinaryData.FromString(stored.ToJsonString()), overwrite: true);
        var oldTags = (await blob.GetTagsAsync()).Value.Tags.Where(t => t.Key is not (CaseIndexTags.AckDue or CaseIndexTags.FeedbackDue or CaseIndexTags.RemindAt)).ToDictionary();
        oldTags[CaseIndexTags.Version] = "1";
        await blob.SetTagsAsync(oldTags);
        Assert.Empty((await blobs.CaseAsync(reference)).Deadlines);

        var migration = app.Services.GetServices<IHostedService>().OfType<CaseIndexMigration>().Single();
        while (await migration.RunAsync(CancellationToken.None) is null)
        {
            // The start-up run of the pass holds the lease; the next try finds it done or takes it.
        }

        var record = await blobs.CaseAsync(reference);
        Assert.Equal([Start.AddDays(7), Start.AddDays(90)], record.Deadlines.Select(d => d.Due));
        var tags = await TagsAsync(azurite, app, reference);
        Assert.Equal("2026-03-07T09:00:00Z", tags[CaseIndexTags.RemindAt]);
        Assert.Equal(CaseIndexTags.CurrentVersion, tags[CaseIndexTags.Version]);

        time.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));
        await PassAsync(app);
        var reminder = await connector.WaitForSentAsync(a => Text(a).StartsWith($"Reminder about {reference}", StringComparison.Ordinal), Patience);
        Assert.Equal(owner.ConversationId, reminder.ConversationId);
        Assert.Equal($"Reminder about {reference}: it is due to be acknowledged by 2026-03-09 09:00 UTC. Type **case {reference}** to open it.", Text(reminder.Activity));
    }

    [Fact]
    public async Task A_message_to_the_reporter_meets_the_feedback_deadline_and_closing_ends_every_deadline()
    {
        var time = new ManualTime(Start);
        var ownerId = Guid.NewGuid().ToString();
        await using var app = App(azurite, ownerId, time, "PT1H");
        var owner = new HttpChat(app.CreateClient(), ownerId);
        var reporter = new HttpChat(app.CreateClient());
        var first = await reporter.SubmitReportAsync();
        var second = await reporter.SubmitReportAsync();

        Assert.StartsWith($"Your message is saved in {first}.", (await owner.SayAsync($"message {first} Could we talk on Tuesday?"))[0], StringComparison.Ordinal);
        var met = Assert.Single((await new CaseBlobs(azurite, app).CaseAsync(first)).Deadlines, d => d.Kind == DeadlineKind.Feedback);
        Assert.Equal((Start, ownerId), (met.MetAt, met.MetBy));

        // A second message is feedback already given: the deadline stays met when it first was.
        time.Advance(TimeSpan.FromHours(1));
        Assert.StartsWith($"Your message is saved in {first}.", (await owner.SayAsync($"message {first} Or Wednesday?"))[0], StringComparison.Ordinal);
        var again = await new CaseBlobs(azurite, app).CaseAsync(first);
        Assert.Equal(2, again.Messages.Count);
        Assert.Equal(met, Assert.Single(again.Deadlines, d => d.Kind == DeadlineKind.Feedback));
        await owner.SayAsync($"close {second} confirm");

        var firstTags = await TagsAsync(azurite, app, first);
        Assert.False(firstTags.ContainsKey(CaseIndexTags.FeedbackDue));
        Assert.True(firstTags.ContainsKey(CaseIndexTags.AckDue));
        Assert.Equal("2026-03-07T09:00:00Z", firstTags[CaseIndexTags.RemindAt]);
        var secondTags = await TagsAsync(azurite, app, second);
        Assert.DoesNotContain(secondTags.Keys, k => k is CaseIndexTags.AckDue or CaseIndexTags.FeedbackDue or CaseIndexTags.RemindAt);

        var lines = (await owner.SayAsync("cases"))[0].Split('\n');
        Assert.DoesNotContain("feedback", lines.Single(l => l.Contains(first, StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("due", lines.Single(l => l.Contains(second, StringComparison.Ordinal)), StringComparison.Ordinal);

        // Past every deadline, a pass finds nothing to say about either case.
        Assert.Equal(0, await PassAsync(app));
        time.Advance(TimeSpan.FromDays(100));
        Assert.Equal(1, await PassAsync(app));
        var record = await new CaseBlobs(azurite, app).CaseAsync(first);
        Assert.NotNull(Assert.Single(record.Deadlines, d => d.Kind == DeadlineKind.Acknowledge).RemindedPassed);
        Assert.Null(Assert.Single(record.Deadlines, d => d.Kind == DeadlineKind.Feedback).RemindedPassed);
    }

    [Fact]
    public async Task Two_processes_on_one_storage_send_each_reminder_once_even_after_a_restart()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var time = new ManualTime(Start);
        var ownerId = Guid.NewGuid().ToString();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        string reference;
        await using (var first = App(azurite, ownerId, time, "PT1H", suffix))
        await using (var second = App(azurite, ownerId, time, "PT1H", suffix))
        {
            await new HttpChat(first.CreateClient(), ownerId, connector.ServiceUrl).SayAsync("cases");
            Assert.Equal(0, await PassAsync(first) + await PassAsync(second));
            var reporter = new HttpChat(first.CreateClient(), serviceUrl: connector.ServiceUrl);
            reference = await reporter.SubmitReportAsync();

            // Past the acknowledgement deadline: the reminder before it is not sent late, the one that it passed is.
            time.Advance(TimeSpan.FromDays(8));
            var passes = new[] { first, second, first, second, first, second }
                .Select(app => Task.Run(() => app.Services.GetRequiredService<DeadlineReminders>().RunOnceAsync(CancellationToken.None)));
            var results = await Task.WhenAll(passes);
            var again = await Task.WhenAll(first.Services.GetRequiredService<DeadlineReminders>().RunOnceAsync(CancellationToken.None), second.Services.GetRequiredService<DeadlineReminders>().RunOnceAsync(CancellationToken.None));

            Assert.Contains(results, r => r is not null);
            Assert.Equal(1, results.Sum(r => r ?? 0) + again.Sum(r => r ?? 0));
            await connector.WaitForSentAsync(a => Text(a).StartsWith($"Reminder about {reference}", StringComparison.Ordinal), Patience);
        }

        await using (var restarted = App(azurite, ownerId, time, "PT1H", suffix))
        {
            Assert.Equal(0, await PassAsync(restarted));
        }

        Assert.Single(connector.Sent, s => Text(s.Activity).StartsWith("Reminder about", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Review_straight_after_submission_meets_the_acknowledgement_and_tells_the_reporter()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var ownerId = Guid.NewGuid().ToString();
        await using var app = App(azurite, ownerId, new ManualTime(Start), "PT1H");
        var reporter = new HttpChat(app.CreateClient(), serviceUrl: connector.ServiceUrl);
        var reference = await reporter.SubmitReportAsync();

        await new HttpChat(app.CreateClient(), ownerId, connector.ServiceUrl).SayAsync($"review {reference}");
        var told = await connector.WaitForSentAsync(a => Text(a).Contains("acknowledged", StringComparison.Ordinal), Patience);

        Assert.Equal(reporter.ConversationId, told.ConversationId);
        Assert.False((await TagsAsync(azurite, app, reference)).ContainsKey(CaseIndexTags.AckDue));
    }
}
