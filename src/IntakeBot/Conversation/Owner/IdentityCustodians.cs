using IntakeBot.Cases;

namespace IntakeBot.Conversation.Owner;

/// <summary>Who may decide a case's identity request: the configured custodians, never the case's owner
/// nor the person who asked.</summary>
public static class IdentityCustodians
{
    public static IEnumerable<string> Deciding(IdentityOptions options, CaseRecord record, string? requester)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(record);
        return options.Custodians
            .Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(c => c.Trim().ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Where(c => !Same(c, record.Owner) && !Same(c, requester));
    }

    public static bool MayDecide(IdentityOptions options, CaseRecord record, IdentityRequest request, string? actor)
        => actor is not null && !Same(actor, request?.By) && Deciding(options, record, request?.By).Any(c => Same(c, actor));

    private static bool Same(string a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
