using IntakeBot.Sharing;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>access IR-…</c>: who can read the owner's case.</summary>
public sealed class AccessCommand(OwnedCaseGuard guard, SharingService sharing, TextCatalog text) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (text.Commands.Read(said, TextKey.VerbAccess) is not { HasReference: true, Ends: true } command)
        {
            return false;
        }

        var owned = await guard.ReadAsync(turn, command.Reference, actorRequired: false, cancellationToken).ConfigureAwait(false);
        await turn.ReplyAsync(owned.Allowed ? await sharing.AccessAsync(owned.Case, turn.Actor!, cancellationToken).ConfigureAwait(false) : owned.Refusal, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
