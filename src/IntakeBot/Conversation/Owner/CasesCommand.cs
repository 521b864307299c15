using IntakeBot.Cases;
using IntakeBot.Lifecycle;
using IntakeBot.Storage;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>cases</c>: the owner's submitted cases, one line each.</summary>
public sealed class CasesCommand(CaseQueries queries, CaseDrafts drafts, DeadlineWording deadlines, TextCatalog text) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (!text.IsWord(said, TextKey.ChoiceCases))
        {
            return false;
        }

        var recent = await drafts.RecentlySubmittedAsync(turn.Context, cancellationToken).ConfigureAwait(false);
        var owned = await queries.OwnedAsync(turn.Owner, recent, cancellationToken).ConfigureAwait(false);
        await turn.ReplyAsync(
            owned.Count == 0
                ? text[TextKey.CasesEmpty]
                : text.Format(TextKey.CasesList, string.Join('\n', owned.Select(c => text.Format(c.OpenSafetyConcern ? TextKey.CasesLineSafetyConcern : TextKey.CasesLine, c.Reference, c.Kind.ToStoredNameOrUnknown(), Times.UtcDate(c.SubmittedAt ?? c.CreatedAt), StatusWords.Of(text, c.Status), c.AccessCount, deadlines.Line(c))))),
            cancellationToken).ConfigureAwait(false);
        return true;
    }
}
