using IntakeBot.Cases;
using IntakeBot.Lifecycle;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace IntakeBot.Tests.Lifecycle;

public sealed class LifecycleSettingsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void Defaults_are_seven_and_ninety_days_from_submission_with_a_reminder_two_days_before()
    {
        var options = new LifecycleOptions();
        var submitted = new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

        Assert.True(new LifecycleOptionsValidator().Validate(null, options).Succeeded);
        var deadlines = options.Periods().For(submitted);

        Assert.Equal([(DeadlineKind.Acknowledge, submitted.AddDays(7), submitted.AddDays(5)), (DeadlineKind.Feedback, submitted.AddDays(90), submitted.AddDays(88))], deadlines.Select(d => (d.Kind, d.Due, d.RemindFrom)));
    }

    [Fact]
    public void A_setting_that_does_not_parse_or_does_not_fit_stops_start_up_naming_its_key()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Lifecycle:AcknowledgeWithin"] = "a week",
            ["Lifecycle:ReminderInterval"] = "-PT1H",
            ["Lifecycle:ClosedReplyWindow"] = "a month",
        };
        using var app = new BotApp(azurite, settings);

        var failure = app.StartupFailure();

        Assert.Contains("Lifecycle:AcknowledgeWithin must be a duration", failure, StringComparison.Ordinal);
        Assert.Contains("Lifecycle:ReminderInterval", failure, StringComparison.Ordinal);
        Assert.Contains("Lifecycle:ClosedReplyWindow must be a duration", failure, StringComparison.Ordinal);
        Assert.Contains(new LifecycleOptionsValidator().Validate(null, new LifecycleOptions { FeedbackWithin = "P3D" }).Failures!, f => f.StartsWith("Lifecycle:FeedbackWithin must not be shorter", StringComparison.Ordinal));
        Assert.Contains(new LifecycleOptionsValidator().Validate(null, new LifecycleOptions { RemindBefore = "P7D" }).Failures!, f => f.StartsWith("Lifecycle:RemindBefore must be shorter", StringComparison.Ordinal));
    }
}
