using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace IntakeBot.Sharing;

/// <summary>Resolves an address to one individual in the directory: by UPN, else by mail or proxy
/// address. Groups, distribution lists and mail-enabled security groups, shared, room and equipment
/// mailboxes, unknown addresses, disabled accounts and (unless allowed) guests and members from other
/// organisations are told apart so that each gets its own clear refusal.</summary>
public sealed partial class GraphDirectory(GraphServiceClient graph, IOptions<SharingOptions> options)
{
    private static readonly string[] UserFields = ["id", "displayName", "givenName", "surname", "mail", "userPrincipalName", "proxyAddresses", "userType", "externalUserState", "accountEnabled"];

    /// <summary>Only plain addresses get as far as a query: nothing a person types can change its meaning.</summary>
    public static bool IsPlainAddress(string? address) => address is not null && AddressPattern().IsMatch(address);

    public async Task<RecipientCheck> CheckAsync(string address, CancellationToken cancellationToken)
    {
        if (!IsPlainAddress(address))
        {
            return new(RecipientVerdict.NotAnAddress, address);
        }

        var user = await ByUpnAsync(address, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            var byMail = await graph.Users.GetAsync(r =>
            {
                r.QueryParameters.Filter = MailFilter(address);
                r.QueryParameters.Select = UserFields;
                r.QueryParameters.Count = true;
                r.Headers.Add("ConsistencyLevel", "eventual");
            }, cancellationToken).ConfigureAwait(false);
            var matches = byMail?.Value ?? [];
            if (matches.Count > 1)
            {
                return new(RecipientVerdict.Ambiguous, address);
            }

            user = matches.SingleOrDefault();
        }

        if (user is null)
        {
            var groups = await graph.Groups.GetAsync(r =>
            {
                r.QueryParameters.Filter = MailFilter(address);
                r.QueryParameters.Select = ["id", "displayName", "mail"];
                r.QueryParameters.Count = true;
                r.Headers.Add("ConsistencyLevel", "eventual");
            }, cancellationToken).ConfigureAwait(false);
            return new(groups?.Value is { Count: > 0 } ? RecipientVerdict.Group : RecipientVerdict.Unknown, address);
        }

        var verdict = user.AccountEnabled == false ? RecipientVerdict.Disabled
            : string.Equals(user.UserType, "Guest", StringComparison.OrdinalIgnoreCase) && !options.Value.AllowGuests ? RecipientVerdict.Guest
            : IsFromAnotherOrganisation(user) && !options.Value.AllowGuests ? RecipientVerdict.External
            : await IsSharedMailboxAsync(user.Id!, cancellationToken).ConfigureAwait(false) ? RecipientVerdict.Mailbox
            : RecipientVerdict.Person;
        return Check(verdict, address, user);
    }

    /// <summary>The account with this Graph user id, as the directory describes it now; null when it is gone.</summary>
    public async Task<RecipientCheck?> ByIdAsync(string userId, CancellationToken cancellationToken)
        => await ByUpnAsync(userId, cancellationToken).ConfigureAwait(false) is { } user ? Check(RecipientVerdict.Person, user.Mail ?? user.UserPrincipalName ?? userId, user) : null;

    private static RecipientCheck Check(RecipientVerdict verdict, string address, User user)
        => new(verdict, address, user.Id, user.DisplayName, user.Mail ?? user.UserPrincipalName, user.UserPrincipalName)
        {
            GivenName = user.GivenName,
            Surname = user.Surname,
            ProxyAddresses = user.ProxyAddresses ?? [],
        };

    /// <summary>A B2B account is a member of another tenant even when its user type says Member: Graph
    /// gives it an invitation state, and its UPN carries #EXT#.</summary>
    private static bool IsFromAnotherOrganisation(User user)
        => user.ExternalUserState is not null || user.UserPrincipalName?.Contains("#EXT#", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Shared, room and equipment mailboxes are user objects too; their mailbox settings say
    /// what they are for. When the settings cannot be read (no mailbox, or no MailboxSettings.Read
    /// permission), the account is judged by the checks above alone.</summary>
    private async Task<bool> IsSharedMailboxAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var settings = await graph.Users[userId].MailboxSettings.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return settings?.UserPurpose is { } purpose && purpose != UserPurpose.User && purpose != UserPurpose.Linked;
        }
        catch (ODataError e) when (e.ResponseStatusCode is 400 or 403 or 404)
        {
            return false;
        }
    }

    private async Task<User?> ByUpnAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            return await graph.Users[address].GetAsync(r => r.QueryParameters.Select = UserFields, cancellationToken).ConfigureAwait(false);
        }
        catch (ODataError e) when (e.ResponseStatusCode == 404)
        {
            return null;
        }
    }

    private static string MailFilter(string address)
    {
        var quoted = address.Replace("'", "''", StringComparison.Ordinal);
        return $"mail eq '{quoted}' or proxyAddresses/any(x:x eq 'smtp:{quoted}')";
    }

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(\.[A-Za-z0-9\-]{1,63})+$", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();
}
