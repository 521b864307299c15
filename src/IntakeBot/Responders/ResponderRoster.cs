using System.Net.Mail;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Extensions.Options;

namespace IntakeBot.Responders;

/// <summary>Who is a responder: the person's AAD object id is on the roster, or, for roster entries
/// given as UPNs, the UPN Teams reports for them.</summary>
public sealed class ResponderRoster(IOptions<RosterOptions> options, ILogger<ResponderRoster> logger)
{
    private readonly HashSet<string> _entries = [.. options.Value.Responders.Select(Normalize)];

    public static string Normalize(string entry) => entry.Trim().ToLowerInvariant();

    public static bool IsIndividualId(string? entry)
    {
        var trimmed = entry?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Any(char.IsWhiteSpace))
        {
            return false;
        }

        return Guid.TryParse(trimmed, out _)
            || (MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed && address.Host.Contains('.', StringComparison.Ordinal));
    }

    /// <summary>The roster entry this person matches, or null when they are not a responder.</summary>
    public async Task<string?> MatchAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var from = turnContext.Activity.From;
        if (from?.AadObjectId is { } id && _entries.Contains(Normalize(id)))
        {
            return Normalize(id);
        }

        if (from is null || !_entries.Any(e => e.Contains('@', StringComparison.Ordinal)))
        {
            return null;
        }

        try
        {
            var member = await TeamsInfo.GetMemberAsync(turnContext, from.Id, cancellationToken).ConfigureAwait(false);
            return member?.UserPrincipalName is { } upn && _entries.Contains(Normalize(upn)) ? Normalize(upn) : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Teams could not tell us the UPN; the person is treated as not on the roster for now.
            logger.LogWarning("Looking up a member's UPN for the responder roster failed ({ExceptionType}).", e.GetType().FullName);
            return null;
        }
    }
}
