using System.Text.RegularExpressions;
using IntakeBot.Sharing;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>share IR-… with &lt;who&gt;</c>: gives one more person read access to the owner's case.</summary>
public sealed partial class ShareCommand(OwnedCaseGuard guard, SharingService sharing, TextCatalog text) : IOwnerCommand
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
            await turn.ReplyAsync(text[TextKey.ShareUsage], cancellationToken).ConfigureAwait(false);
            return true;
        }

        var owned = await guard.ReadAsync(turn, reference, actorRequired: false, cancellationToken).ConfigureAwait(false);
        await turn.ReplyAsync(owned.Allowed ? await sharing.ShareAsync(owned.Case, turn.Actor!, who, cancellationToken).ConfigureAwait(false) : owned.Refusal, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [GeneratedRegex(@"^share(\s+(?<ref>\S+))?(\s+(?<word>with)\b(?<who>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Pattern();
}
