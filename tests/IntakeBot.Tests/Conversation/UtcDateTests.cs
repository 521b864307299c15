using IntakeBot.Tests.Infrastructure;
using IntakeBot.Tests.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Conversation;

/// <summary>Dates shown on their own (lists and cards) are UTC days, as the date-times beside them are:
/// a moment recorded with its own offset just after midnight is still the previous day in UTC.</summary>
public sealed class UtcDateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>00:30 at +05:00 on 2 March is 19:30 UTC on 1 March.</summary>
    private static readonly DateTimeOffset JustAfterMidnight = new(2026, 3, 2, 0, 30, 0, TimeSpan.FromHours(5));

    [Fact]
    public async Task A_report_submitted_just_after_midnight_at_plus_five_shows_its_utc_date_to_reporter_and_owner()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Intake:DefaultOwner"] = ownerId,
            ["Intake:Responders:0"] = ownerId,
        }, services => services.AddSingleton<TimeProvider>(new ManualTime(JustAfterMidnight)));
        var reporter = new HttpChat(app.CreateClient());
        var reference = await reporter.SubmitReportAsync();

        var mine = (await reporter.SayAsync("my reports"))[0];
        var owned = (await new HttpChat(app.CreateClient(), ownerId).SayAsync("cases"))[0];
        var view = string.Join("\n", await reporter.ShownAsync($"view {reference}"));

        Assert.Contains($"**{reference}**, 2026-03-01,", mine, StringComparison.Ordinal);
        Assert.Contains($"**{reference}**, ", owned, StringComparison.Ordinal);
        Assert.Contains(", 2026-03-01, ", owned, StringComparison.Ordinal);
        Assert.Contains("Submitted 2026-03-01,", view, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-03-02", mine + owned + view, StringComparison.Ordinal);
    }
}
