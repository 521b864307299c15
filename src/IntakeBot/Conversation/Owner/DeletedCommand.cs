using IntakeBot.Retention;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>deleted IR-…</c>: when and why a case was deleted, for its owner only
/// (<see cref="Tombstones.FindForOwnerAsync"/>); anyone else is told no such deletion is known.</summary>
public sealed class DeletedCommand(Tombstones tombstones, RetentionWording retention, TextCatalog text) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (text.Commands.Read(said, TextKey.VerbDeleted) is not { Ends: true } command || turn.Actor is not { } actor)
        {
            return false;
        }

        var reference = command.Reference;
        var reply = reference.Length == 0
            ? text[TextKey.DeletedUsage]
            : await tombstones.FindForOwnerAsync(reference, actor, turn.Owner, cancellationToken).ConfigureAwait(false) is { } tombstone
                ? retention.Deleted(tombstone)
                : text[TextKey.DeletedNotFound];
        await turn.ReplyAsync(reply, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
