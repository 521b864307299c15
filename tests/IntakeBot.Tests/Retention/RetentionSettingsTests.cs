using IntakeBot.Cases;
using IntakeBot.Retention;
using IntakeBot.Text;

namespace IntakeBot.Tests.Retention;

public sealed class RetentionSettingsTests
{
    [Fact]
    public void Periods_are_read_in_either_iso_8601_or_day_time_form()
    {
        var options = new RetentionOptions { DraftRetention = "P14D", ClosedCaseRetention = "730.00:00:00", BackupRetention = "P7D", SweepInterval = "PT15M" };

        Assert.True(new RetentionOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(new RetentionPeriods(TimeSpan.FromDays(14), TimeSpan.FromDays(730), TimeSpan.FromDays(7), TimeSpan.FromMinutes(15)), options.Periods());
    }

    [Fact]
    public void A_period_that_does_not_parse_or_is_not_positive_stops_start_up_naming_its_key()
    {
        var options = new RetentionOptions { DraftRetention = "thirty days", ClosedCaseRetention = "-P1D", BackupRetention = "PT36H", SweepInterval = "00:00:00", HoldRoles = ["legal@contoso.test"] };

        var failures = new RetentionOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Retention:DraftRetention", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:ClosedCaseRetention", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:BackupRetention must be a whole number of days", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:SweepInterval", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:HoldRoles:0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("P365D", "365 days")]
    [InlineData("PT12H", "12 hours")]
    [InlineData("00:45:00", "45 minutes")]
    public void Retention_sentences_say_the_configured_periods(string closed, string closedWords)
    {
        var periods = new RetentionOptions { ClosedCaseRetention = closed }.Periods();
        var wording = new RetentionWording(TextCatalog.Load(), periods);

        Assert.Contains($" {closedWords} ", wording.ClosedCaseKept(), StringComparison.Ordinal);
    }
}
