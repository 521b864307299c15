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

    [Fact]
    public void A_safety_concern_is_due_to_be_acknowledged_within_a_day_reminded_half_way()
    {
        var submitted = new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

        var deadlines = new LifecycleOptions().Periods().For(submitted, safetyConcern: true);

        Assert.Equal((DeadlineKind.Acknowledge, submitted.AddDays(1), submitted.AddHours(12)), (deadlines[0].Kind, deadlines[0].Due, deadlines[0].RemindFrom));
        Assert.Equal(submitted.AddDays(90), deadlines[1].Due);
    }

    [Fact]
    public void An_urgent_acknowledgement_that_does_not_parse_or_is_longer_than_the_usual_one_and_a_missing_crisis_line_stop_start_up()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Lifecycle:UrgentAcknowledgement"] = "tomorrow",
            ["Intake:CrisisHelp"] = string.Empty,
        };
        using var app = new BotApp(azurite, settings);

        var failure = app.StartupFailure();

        Assert.True(failure.Contains("Lifecycle:UrgentAcknowledgement must be a duration", StringComparison.Ordinal) || failure.Contains("Intake:CrisisHelp is required", StringComparison.Ordinal), failure);
        Assert.Contains(new LifecycleOptionsValidator().Validate(null, new LifecycleOptions { UrgentAcknowledgement = "P8D" }).Failures!, f => f.StartsWith("Lifecycle:UrgentAcknowledgement must not be longer", StringComparison.Ordinal));
        var noCrisisLine = new IntakeBot.Conversation.IntakeOptions { FaqUrl = "https://faq.test/", UrgentHelp = "the desk", DefaultOwner = "owner@contoso.test" };
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(noCrisisLine, new(noCrisisLine), null, validateAllProperties: true));
    }
}
