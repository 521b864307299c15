using IntakeBot.Sharing;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>share IR-… with &lt;who&gt;</c>: gives one more person read access to the owner's case.</summary>
public sealed class ShareCommand(OwnedCaseGuard guard, SharingService sharing, TextCatalog text) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (text.Commands.Read(said, TextKey.VerbShare) is not { } command)
        {
            return false;
        }

        var reference = command.Reference;
        var who = text.Commands.After(command.Rest, TextKey.VerbShareWith) ?? string.Empty;
        if (reference.Length == 0 || who.Length == 0)
        {
            await turn.ReplyAsync(text[TextKey.ShareUsage], cancellationToken).ConfigureAwait(false);
            return true;
        }

        var owned = await guard.ReadAsync(turn, reference, actorRequired: false, cancellationToken).ConfigureAwait(false);
        await turn.ReplyAsync(owned.Allowed ? await sharing.ShareAsync(owned.Case, turn.Actor!, who, cancellationToken).ConfigureAwait(false) : owned.Refusal, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
