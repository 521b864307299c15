using Microsoft.Extensions.Options;

namespace IntakeBot.Cases;

/// <summary>Refuses to start with a limit that is not a positive number, or so large that the case it
/// allows would no longer fit the blobs and cards it is kept and shown in.</summary>
public sealed class CaseLimitsValidator : IValidateOptions<CaseLimits>
{
    public const int MaxCount = 1000;

    public ValidateOptionsResult Validate(string? name, CaseLimits options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Count(failures, nameof(CaseLimits.AccountMessages), options.AccountMessages);
        Count(failures, nameof(CaseLimits.AdditionsPerCase), options.AdditionsPerCase);
        Count(failures, nameof(CaseLimits.EvidenceItemsPerCase), options.EvidenceItemsPerCase);
        Count(failures, nameof(CaseLimits.NotesPerCase), options.NotesPerCase);
        Count(failures, nameof(CaseLimits.MessagesPerCase), options.MessagesPerCase);
        Count(failures, nameof(CaseLimits.PeoplePerCase), options.PeoplePerCase);
        if (options.EvidenceBytesPerCase is < 1 or > 1L << 40)
        {
            failures.Add($"{CaseLimits.Section}:{nameof(CaseLimits.EvidenceBytesPerCase)} must be a positive number of bytes, at most 1 TiB.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Count(List<string> failures, string name, int value)
    {
        if (value is < 1 or > MaxCount)
        {
            failures.Add($"{CaseLimits.Section}:{name} must be between 1 and {MaxCount}.");
        }
    }
}
