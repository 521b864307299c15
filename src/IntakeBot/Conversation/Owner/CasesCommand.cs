using IntakeBot.Cases;
using IntakeBot.Lifecycle;
using IntakeBot.Responders;
using IntakeBot.Storage;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>cases</c>: the owner's submitted cases, one line each. With the workspace tab linked
/// (<see cref="WorkspaceLink"/>), the <see cref="MostUrgentShown"/> most urgent, in the tab's own order
/// (<see cref="CaseQueries.MostUrgentFirst"/>), and a link to the tab for the rest.</summary>
public sealed class CasesCommand(CaseQueries queries, CaseDrafts drafts, DeadlineWording deadlines, WorkspaceLink workspace, TimeProvider clock, TextCatalog text) : IOwnerCommand
{
    public const int MostUrgentShown = 5;

    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (!text.IsWord(said, TextKey.ChoiceCases))
        {
            return false;
        }

        var recent = await drafts.RecentlySubmittedAsync(turn.Context, cancellationToken).ConfigureAwait(false);
        var owned = workspace.IsOn
            ? await queries.OwnedMostUrgentFirstAsync(turn.Owner, recent, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            : await queries.OwnedAsync(turn.Owner, recent, cancellationToken).ConfigureAwait(false);
        await turn.ReplyAsync(Reply(owned), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private string Reply(IReadOnlyList<CaseSummary> owned)
    {
        if (owned.Count == 0)
        {
            return text[TextKey.CasesEmpty];
        }

        if (workspace.IsOn && owned.Count > MostUrgentShown)
        {
            return text.Format(TextKey.CasesListMostUrgent, MostUrgentShown, Lines(owned.Take(MostUrgentShown)), owned.Count - MostUrgentShown, workspace.To()!.AbsoluteUri);
        }

        return text.Format(TextKey.CasesList, Lines(owned));
    }

    private string Lines(IEnumerable<CaseSummary> cases)
        => string.Join('\n', cases.Select(c => text.Format(c.OpenSafetyConcern ? TextKey.CasesLineSafetyConcern : TextKey.CasesLine, c.Reference, c.Kind.ToStoredNameOrUnknown(), Times.UtcDate(c.SubmittedAt ?? c.CreatedAt), StatusWords.Of(text, c.Status), c.AccessCount, deadlines.Line(c))));
}
