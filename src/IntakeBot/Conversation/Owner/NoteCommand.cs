using IntakeBot.Cases;
using IntakeBot.Text;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>note IR-… text</c>: a note on the owner's case, for its owners only.</summary>
public sealed class NoteCommand(OwnedCaseGuard guard, CaseDrafts drafts, TextCatalog text, IOptions<CaseLimits> limits) : IOwnerCommand
{
    /// <summary>Long enough for any note; a 30,000-character paste is refused with a clear answer.</summary>
    public const int MaxNoteLength = 4000;

    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (text.Commands.Read(said, TextKey.VerbNote) is not { } command)
        {
            return false;
        }

        await turn.ReplyAsync(await NoteAsync(turn, command, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<string> NoteAsync(OwnerTurn turn, TypedCommand command, CancellationToken cancellationToken)
    {
        var reference = command.Reference;
        var note = command.Rest;
        if (reference.Length == 0 || note.Length == 0)
        {
            return text[TextKey.NoteUsage];
        }

        var owned = await guard.ReadAsync(turn, reference, actorRequired: true, cancellationToken).ConfigureAwait(false);
        if (!owned.Allowed)
        {
            return owned.Refusal;
        }

        var record = owned.Case;
        if (note.Length > MaxNoteLength)
        {
            return text.Format(TextKey.NoteTooLong, MaxNoteLength);
        }

        // Checked against the case as stored; a note decided by another turn at the same moment may
        // still go in after it (one over the limit), since a note already confirmed is never dropped.
        if (record.Notes.Count >= limits.Value.NotesPerCase)
        {
            return text.Format(TextKey.NotesFull, record.Reference, record.Notes.Count);
        }

        ConversationTurn.Of(turn.Context).Decide(drafts.Change(turn.Context, record.Reference) with { Note = note, RefreshSharedFor = record.Owner });
        return text.Format(TextKey.NoteDone, record.Reference);
    }
}
