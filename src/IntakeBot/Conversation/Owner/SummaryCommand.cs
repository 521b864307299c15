using IntakeBot.Cases;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>summary IR-… text</c>: the owner's one line about the case, replacing the one before; it
/// is internal (the reporter never sees it) and the workspace tab shows it in the owner's list.</summary>
public sealed class SummaryCommand(OwnedCaseGuard guard, CaseDrafts drafts, TextCatalog text) : IOwnerCommand
{
    /// <summary>One line in the tab's list, also at the width of the Teams mobile app.</summary>
    public const int MaxSummaryLength = 200;

    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (text.Commands.Read(said, TextKey.VerbSummary) is not { } command)
        {
            return false;
        }

        await turn.ReplyAsync(await SummaryAsync(turn, command, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The line as it is kept: line breaks and runs of spaces become one space.</summary>
    public static string OneLine(string? typed) => string.Join(' ', (typed ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<string> SummaryAsync(OwnerTurn turn, TypedCommand command, CancellationToken cancellationToken)
    {
        var reference = command.Reference;
        var summary = OneLine(command.Rest);
        if (reference.Length == 0 || summary.Length == 0)
        {
            return text[TextKey.SummaryUsage];
        }

        var owned = await guard.ReadAsync(turn, reference, actorRequired: true, cancellationToken).ConfigureAwait(false);
        if (!owned.Allowed)
        {
            return owned.Refusal;
        }

        if (summary.Length > MaxSummaryLength)
        {
            return text.Format(TextKey.SummaryTooLong, MaxSummaryLength);
        }

        ConversationTurn.Of(turn.Context).Decide(drafts.Change(turn.Context, owned.Case.Reference) with { Summary = summary });
        return text.Format(TextKey.SummaryDone, owned.Case.Reference);
    }
}
