using IntakeBot.Sharing;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>revoke IR-… from &lt;who&gt;</c>: takes one person's read access to the owner's case away.</summary>
public sealed class RevokeCommand(OwnedCaseGuard guard, SharingService sharing, TextCatalog text) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (text.Commands.Read(said, TextKey.VerbRevoke) is not { } command)
        {
            return false;
        }

        var reference = command.Reference;
        var who = text.Commands.After(command.Rest, TextKey.VerbRevokeFrom) ?? string.Empty;
        if (reference.Length == 0 || who.Length == 0)
        {
            await turn.ReplyAsync(text[TextKey.RevokeUsage], cancellationToken).ConfigureAwait(false);
            return true;
        }

        var owned = await guard.ReadAsync(turn, reference, actorRequired: false, cancellationToken).ConfigureAwait(false);
        await turn.ReplyAsync(owned.Allowed ? await sharing.RevokeAsync(owned.Case, turn.Actor!, who, cancellationToken).ConfigureAwait(false) : owned.Refusal, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
