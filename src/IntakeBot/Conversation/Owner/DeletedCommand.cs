using System.Text.RegularExpressions;
using IntakeBot.Retention;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>deleted IR-…</c>: when and why a case was deleted, for its owner only
/// (<see cref="Tombstones.FindForOwnerAsync"/>); anyone else is told no such deletion is known.</summary>
public sealed partial class DeletedCommand(Tombstones tombstones, RetentionWording retention, TextCatalog text) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (Pattern().Match(said) is not { Success: true } command || turn.Actor is not { } actor)
        {
            return false;
        }

        var reference = command.Groups["ref"].Value.Trim().ToUpperInvariant();
        var reply = reference.Length == 0
            ? text[TextKey.DeletedUsage]
            : await tombstones.FindForOwnerAsync(reference, actor, turn.Owner, cancellationToken).ConfigureAwait(false) is { } tombstone
                ? retention.Deleted(tombstone)
                : text[TextKey.DeletedNotFound];
        await turn.ReplyAsync(reply, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [GeneratedRegex(@"^deleted(\s+(?<ref>\S+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
