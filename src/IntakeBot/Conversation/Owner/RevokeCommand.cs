using System.Text.RegularExpressions;
using IntakeBot.Sharing;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>revoke IR-… from &lt;who&gt;</c>: takes one person's read access to the owner's case away.</summary>
public sealed partial class RevokeCommand(OwnedCaseGuard guard, SharingService sharing, TextCatalog text) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (Pattern().Match(said) is not { Success: true } command)
        {
            return false;
        }

        var reference = command.Groups["ref"].Value;
        var who = command.Groups["who"].Value.Trim();
        if (reference.Length == 0 || !command.Groups["word"].Success || who.Length == 0)
        {
            await turn.ReplyAsync(text[TextKey.RevokeUsage], cancellationToken).ConfigureAwait(false);
            return true;
        }

        var owned = await guard.ReadAsync(turn, reference, actorRequired: false, cancellationToken).ConfigureAwait(false);
        await turn.ReplyAsync(owned.Allowed ? await sharing.RevokeAsync(owned.Case, turn.Actor!, who, cancellationToken).ConfigureAwait(false) : owned.Refusal, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [GeneratedRegex(@"^revoke(\s+(?<ref>\S+))?(\s+(?<word>from)\b(?<who>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Pattern();
}
