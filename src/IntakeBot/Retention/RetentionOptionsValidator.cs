using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace IntakeBot.Retention;

/// <summary>Stops start-up with a message naming the key when a period does not parse, is not positive,
/// or a hold role is not an object id.</summary>
public sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(failures, nameof(options.DraftRetention), options.DraftRetention, TimeSpan.FromMinutes(1));
        Check(failures, nameof(options.ClosedCaseRetention), options.ClosedCaseRetention, TimeSpan.FromMinutes(1));
        Check(failures, nameof(options.BackupRetention), options.BackupRetention, TimeSpan.FromDays(1));
        Check(failures, nameof(options.SweepInterval), options.SweepInterval, TimeSpan.FromSeconds(1));

        // Azure keeps soft-deleted blobs for whole days, 1 to 365.
        if (RetentionDuration.TryParse(options.BackupRetention, out var backup) && (backup.Ticks % TimeSpan.TicksPerDay != 0 || backup > TimeSpan.FromDays(365)))
        {
            failures.Add("Retention:BackupRetention must be a whole number of days between 1 and 365 (storage soft delete counts in days).");
        }

        for (var i = 0; i < options.HoldRoles.Count; i++)
        {
            if (!Guid.TryParse(options.HoldRoles[i], out _))
            {
                failures.Add($"Retention:HoldRoles:{i} must be an AAD object id (a GUID) of one person.");
            }
        }

        if (!ContainerName().IsMatch(options.Container ?? string.Empty))
        {
            failures.Add("Retention:Container must be a valid blob container name (3-63 lowercase letters, digits and single hyphens).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, string? value, TimeSpan least)
    {
        if (!RetentionDuration.TryParse(value, out var period))
        {
            failures.Add($"Retention:{key} must be a duration, ISO-8601 (P30D, PT1H) or d.hh:mm:ss (30.00:00:00).");
        }
        else if (period < least)
        {
            failures.Add($"Retention:{key} must be at least {least:c}.");
        }
    }

    [GeneratedRegex("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();
}
