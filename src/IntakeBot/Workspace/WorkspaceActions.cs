using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Conversation.Owner;
using IntakeBot.Lifecycle;
using IntakeBot.Responders;
using IntakeBot.Sharing;
using IntakeBot.Text;
using Microsoft.Extensions.Options;

namespace IntakeBot.Workspace;

/// <summary>The owner's actions from the tab, decided on the stored case with the chat's rules and
/// written through the chat's committed-work path (<see cref="PendingWork"/> applying a
/// <see cref="PendingChange"/>, idempotent by its id), then the reporter told through the outbox under a
/// name made from the same id. There is no conversation state to commit to: the case's own conditional
/// write is the commit. A retry with the same request id writes nothing twice and queues no second
/// notice. A process that stops between the write and the outbox leaves a message's notice to the
/// page's retry (the same id queues it then); a status notice is lost in that case, since the retry
/// finds the status already moved (see docs/reliability-and-security.md).</summary>
public sealed class WorkspaceActions(SharingService sharing, PendingWork work, NotificationOutbox outbox, IOptions<LifecycleOptions> lifecycle, IOptions<CaseLimits> limits, TimeProvider clock)
{
    /// <summary>The prefix of the change id of an action from the tab, beside Teams' activity ids.</summary>
    public const string IdPrefix = "workspace-";

    /// <summary>Moves the case to <paramref name="target"/> (acknowledged or closed); null when the caller does not own it.</summary>
    public async Task<ActionOutcome?> MoveAsync(WorkspaceCaller caller, string reference, CaseStatus target, WorkspaceAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (await OwnedAsync(caller, reference, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        var change = Change(caller, record, action) with { Status = target };
        var (outcome, _) = CaseLifecycle.Moved(record, target, caller.ObjectId, change.At);
        if (outcome != LifecycleOutcome.Changed)
        {
            return ActionOutcome.Already;
        }

        await ApplyAsync(change, cancellationToken).ConfigureAwait(false);
        if (record.Reporter is { } reporter)
        {
            await NotifyAsync(reporter, target == CaseStatus.Closed ? TextKey.ReporterCaseClosed : TextKey.ReporterCaseAcknowledged, change, cancellationToken).ConfigureAwait(false);
        }

        return ActionOutcome.Done;
    }

    /// <summary>An internal note, as <c>note IR-…</c>.</summary>
    public async Task<ActionOutcome?> NoteAsync(WorkspaceCaller caller, string reference, WorkspaceAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (await OwnedAsync(caller, reference, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        var note = action.Text?.Trim() ?? string.Empty;
        var refusal = note.Length == 0 ? "empty"
            : note.Length > NoteCommand.MaxNoteLength ? "too-long"
            : record.Notes.Count >= limits.Value.NotesPerCase ? "notes-full"
            : null;
        if (refusal is not null)
        {
            return ActionOutcome.Refused(refusal);
        }

        await ApplyAsync(Change(caller, record, action) with { Note = note, RefreshSharedFor = record.Owner }, cancellationToken).ConfigureAwait(false);
        return ActionOutcome.Done;
    }

    /// <summary>A message to the reporter, as <c>message IR-…</c>: refused on a closed case, a case with
    /// no reporter, a full thread, or (without <see cref="WorkspaceAction.Confirm"/>) a reporter who asked not to be contacted.</summary>
    public async Task<ActionOutcome?> MessageAsync(WorkspaceCaller caller, string reference, WorkspaceAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (await OwnedAsync(caller, reference, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        var message = action.Text?.Trim() ?? string.Empty;
        var refusal = message.Length == 0 ? "empty"
            : record.Status == CaseStatus.Closed ? "closed"
            : record.Reporter is null ? "no-reporter"
            : message.Length > lifecycle.Value.MaxMessageLength ? "too-long"
            : record.Messages.Count >= limits.Value.MessagesPerCase ? "thread-full"
            : record.Answers.NoContact && !action.Confirm ? "no-contact"
            : null;
        if (refusal is not null)
        {
            return ActionOutcome.Refused(refusal);
        }

        var change = Change(caller, record, action) with { OwnerMessage = message, RefreshSharedFor = record.Owner };
        await ApplyAsync(change, cancellationToken).ConfigureAwait(false);
        await NotifyAsync(record.Reporter!, TextKey.ReporterNewMessage, change, cancellationToken).ConfigureAwait(false);
        return ActionOutcome.Done;
    }

    /// <summary>The case when the caller owns it (the token always names the caller, who is the actor).</summary>
    private Task<CaseRecord?> OwnedAsync(WorkspaceCaller caller, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return sharing.OwnedCaseAsync(caller.Owner, reference, cancellationToken);
    }

    private PendingChange Change(WorkspaceCaller caller, CaseRecord record, WorkspaceAction action) => new()
    {
        Reference = record.Reference,
        ActivityId = IdPrefix + action.RequestId.ToString("N"),
        Actor = caller.ObjectId,
        At = clock.GetUtcNow(),
    };

    private Task ApplyAsync(PendingChange change, CancellationToken cancellationToken)
        => work.ApplyAsync(new CommittedWork(null, [change]), change.ActivityId, [], sender: null, cancellationToken);

    private Task NotifyAsync(Reporter reporter, TextKey message, PendingChange change, CancellationToken cancellationToken)
        => outbox.PostAsync(new OwnerNotification(reporter.AadObjectId, message, change.Reference, NotificationRecipient.Reporter), $"{change.ActivityId}/{message}", clock.GetUtcNow(), cancellationToken);
}
