using IntakeBot.Responders;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>Checks the roster at start-up: every entry an individual's AAD object id or UPN, and the
/// default owner one of them. A bad entry stops the app with a message naming the key.</summary>
public sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Responders.Count; i++)
        {
            if (!ResponderRoster.IsIndividualId(options.Responders[i]))
            {
                failures.Add($"Intake:Responders:{i} is not an AAD object id or a UPN (name@domain); list individual people, not groups or display names.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.DefaultOwner)
            && !options.Responders.Any(r => string.Equals(r.Trim(), options.DefaultOwner.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add("Intake:DefaultOwner must be one of the people in Intake:Responders.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
