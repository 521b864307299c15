using IntakeBot.Responders;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>Checks at start-up that the default owner is on the roster (the entries themselves are
/// checked by <see cref="RosterOptionsValidator"/>). A bad value stops the app with a message naming the key.</summary>
public sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.DefaultOwner)
            && !options.Responders.Any(r => string.Equals(r.Trim(), options.DefaultOwner.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add("Intake:DefaultOwner must be one of the people in Intake:Responders.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
