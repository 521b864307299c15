using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace IntakeBot.Sharing;

/// <summary>Resolves an address to one individual in the directory: by UPN, else by mail or proxy
/// address. Groups, distribution lists and mail-enabled security groups, unknown addresses, disabled
/// accounts and (unless allowed) guests are told apart so that each gets its own clear refusal.</summary>
public sealed partial class GraphDirectory(GraphServiceClient graph, IOptions<SharingOptions> options)
{
    private static readonly string[] UserFields = ["id", "displayName", "mail", "userPrincipalName", "userType", "accountEnabled"];

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
            : RecipientVerdict.Person;
        return new(verdict, address, user.Id, user.DisplayName, user.Mail ?? user.UserPrincipalName, user.UserPrincipalName);
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
