using IntakeBot.Retention;
using Microsoft.Extensions.Options;

namespace IntakeBot.Lifecycle;

/// <summary>Stops start-up with a message naming the key when a period does not parse or is out of range.</summary>
public sealed class LifecycleOptionsValidator : IValidateOptions<LifecycleOptions>
{
    public ValidateOptionsResult Validate(string? name, LifecycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var acknowledge = Check(failures, nameof(options.AcknowledgeWithin), options.AcknowledgeWithin, TimeSpan.FromMinutes(1));
        var feedback = Check(failures, nameof(options.FeedbackWithin), options.FeedbackWithin, TimeSpan.FromMinutes(1));
        var before = Check(failures, nameof(options.RemindBefore), options.RemindBefore, TimeSpan.Zero);
        Check(failures, nameof(options.ReminderInterval), options.ReminderInterval, TimeSpan.FromSeconds(1));
        var urgent = Check(failures, nameof(options.UrgentAcknowledgement), options.UrgentAcknowledgement, TimeSpan.FromMinutes(1));
        if (urgent is { } u && acknowledge is { } ack0 && u > ack0)
        {
            failures.Add("Lifecycle:UrgentAcknowledgement must not be longer than Lifecycle:AcknowledgeWithin.");
        }
        Check(failures, nameof(options.ClosedReplyWindow), options.ClosedReplyWindow, TimeSpan.Zero);
        if (acknowledge is { } ack && feedback is { } fb && fb < ack)
        {
            failures.Add("Lifecycle:FeedbackWithin must not be shorter than Lifecycle:AcknowledgeWithin.");
        }

        if (before is { } b && acknowledge is { } a && b >= a)
        {
            failures.Add("Lifecycle:RemindBefore must be shorter than Lifecycle:AcknowledgeWithin, or the first reminder would come before the case exists.");
        }

        if (options.MaxMessageLength is < 1 or > 28000)
        {
            failures.Add("Lifecycle:MaxMessageLength must be between 1 and 28000 (what fits in one Teams message).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static TimeSpan? Check(List<string> failures, string key, string? value, TimeSpan least)
    {
        if (!RetentionDuration.TryParse(value, out var period))
        {
            failures.Add($"Lifecycle:{key} must be a duration, ISO-8601 (P7D, PT1H) or d.hh:mm:ss (7.00:00:00).");
            return null;
        }

        if (period < least)
        {
            failures.Add($"Lifecycle:{key} must be at least {least:c}.");
            return null;
        }

        return period;
    }
}
