using Microsoft.Extensions.Options;

namespace IntakeBot.Responders;

/// <summary>Checks the roster at start-up: every entry an individual's AAD object id or UPN, each
/// person once. A bad entry stops the app with a message naming its key; a repeated one usually means
/// a pasted line where someone else was meant.</summary>
public sealed class RosterOptionsValidator : IValidateOptions<RosterOptions>
{
    public ValidateOptionsResult Validate(string? name, RosterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Responders.Count; i++)
        {
            var entry = options.Responders[i];
            if (!ResponderRoster.IsIndividualId(entry))
            {
                failures.Add($"{RosterOptions.Section}:Responders:{i} is not an AAD object id or a UPN (name@domain); list individual people, not groups or display names.");
            }
            else if (!seen.TryAdd(ResponderRoster.Normalize(entry), i))
            {
                failures.Add($"{RosterOptions.Section}:Responders:{i} repeats {RosterOptions.Section}:Responders:{seen[ResponderRoster.Normalize(entry)]}; list each person once.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
