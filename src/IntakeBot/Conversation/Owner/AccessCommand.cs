using System.Text.RegularExpressions;
using IntakeBot.Sharing;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>access IR-…</c>: who can read the owner's case.</summary>
public sealed partial class AccessCommand(OwnedCaseGuard guard, SharingService sharing) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (Pattern().Match(said) is not { Success: true } command)
        {
            return false;
        }

        var owned = await guard.ReadAsync(turn, command.Groups["ref"].Value, actorRequired: false, cancellationToken).ConfigureAwait(false);
        await turn.ReplyAsync(owned.Allowed ? await sharing.AccessAsync(owned.Case, turn.Actor!, cancellationToken).ConfigureAwait(false) : owned.Refusal, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [GeneratedRegex(@"^access\s+(?<ref>\S+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
