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

    /// <summary>The roster entry of the person with this AAD object id or UPN (either may be unknown), or
    /// null when they are not a responder. Needs no turn: a web view resolves the signed-in person with it.</summary>
    public string? Match(string? aadObjectId, string? upn)
    {
        if (aadObjectId is not null && _entries.Contains(Normalize(aadObjectId)))
        {
            return Normalize(aadObjectId);
        }

        return upn is not null && _entries.Contains(Normalize(upn)) ? Normalize(upn) : null;
    }

    /// <summary>The roster entry the person in this turn matches, or null when they are not a responder.
    /// Teams is asked for their UPN only when the object id is not on the roster and some entry is a UPN.</summary>
    public async Task<string?> MatchAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var from = turnContext.Activity.From;
        if (Match(from?.AadObjectId, upn: null) is { } byId)
        {
            return byId;
        }

        if (from is null || !_entries.Any(e => e.Contains('@', StringComparison.Ordinal)))
        {
            return null;
        }

        try
        {
            var member = await TeamsInfo.GetMemberAsync(turnContext, from.Id, cancellationToken).ConfigureAwait(false);
            return Match(aadObjectId: null, member?.UserPrincipalName);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Teams could not tell us the UPN; the person is treated as not on the roster for now.
            logger.LogWarning("Looking up a member's UPN for the responder roster failed ({ExceptionType}).", e.GetType().FullName);
            return null;
        }
    }
}
