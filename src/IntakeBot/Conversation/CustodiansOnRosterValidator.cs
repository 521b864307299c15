using IntakeBot.Cases;
using IntakeBot.Responders;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>Stops start-up, naming the key, when confidential reporting is on and a custodian is not on the
/// responder roster by the same object id: a custodian is told of an identity request the way a responder
/// is, through the chat the bot keeps for each roster entry, so one who is not on it would never hear of
/// a request that waits for them.</summary>
public sealed class CustodiansOnRosterValidator(IOptions<IntakeOptions> intake) : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Confidential)
        {
            return ValidateOptionsResult.Success;
        }

        var roster = intake.Value.Responders.Select(ResponderRoster.Normalize).ToHashSet(StringComparer.Ordinal);
        var failures = options.Custodians
            .Select((custodian, index) => (Custodian: custodian, Index: index))
            .Where(c => !string.IsNullOrWhiteSpace(c.Custodian) && !roster.Contains(ResponderRoster.Normalize(c.Custodian)))
            .Select(c => $"Identity:Custodians:{c.Index} must also be in Intake:Responders (by the same object id): a custodian is told of an identity request like a responder, and one who is not on the roster would never be told.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
