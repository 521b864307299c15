using Microsoft.Extensions.Options;

namespace IntakeBot.Sharing;

/// <summary>Stops start-up with every problem in the Sharing section named.</summary>
public sealed class SharingOptionsValidator : IValidateOptions<SharingOptions>
{
    public ValidateOptionsResult Validate(string? name, SharingOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
