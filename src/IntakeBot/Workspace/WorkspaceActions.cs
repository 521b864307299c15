using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Conversation.Owner;
using IntakeBot.Lifecycle;
using IntakeBot.Responders;
using IntakeBot.Retention;
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
public sealed class WorkspaceActions(
    ICaseStore cases, SharingService sharing, PendingWork work, NotificationOutbox outbox, CaseTransfer transfer, LegalHold legalHold,
    IOptions<LifecycleOptions> lifecycle, IOptions<CaseLimits> limits, TimeProvider clock)
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

        if (CaseVersion.IsStale(record, action.Version))
        {
            return Reload;
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
        var id = ActivityId(action);
        if (!record.Notes.Exists(n => n.ActivityId == id) && CaseVersion.IsStale(record, action.Version))
        {
            return Reload;
        }

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

        // A retry of a message that went in goes on, so that its notice is queued if the first try stopped before it.
        var id = ActivityId(action);
        if (!record.Messages.Exists(m => m.ActivityId == id) && CaseVersion.IsStale(record, action.Version))
        {
            return Reload;
        }

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

    /// <summary>The owner's one-line summary, as <c>summary IR-…</c>: line breaks become spaces; refused
    /// when empty or longer than one line holds.</summary>
    public async Task<ActionOutcome?> SummaryAsync(WorkspaceCaller caller, string reference, WorkspaceAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (await OwnedAsync(caller, reference, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        var summary = SummaryCommand.OneLine(action.Text);
        var refusal = summary.Length == 0 ? "empty" : summary.Length > SummaryCommand.MaxSummaryLength ? "too-long" : null;
        if (refusal is not null)
        {
            return ActionOutcome.Refused(refusal);
        }

        if (string.Equals(record.Summary, summary, StringComparison.Ordinal))
        {
            return ActionOutcome.Already;
        }

        if (CaseVersion.IsStale(record, action.Version))
        {
            return Reload;
        }

        await ApplyAsync(Change(caller, record, action) with { Summary = summary }, cancellationToken).ConfigureAwait(false);
        return ActionOutcome.Done;
    }

    /// <summary>Hands the case to the responder <see cref="WorkspaceAction.Text"/> names, decided by the
    /// chat's <see cref="CaseTransfer"/> (on the roster, as typed or through the directory; not oneself).
    /// The new owner and the reporter of a self-report are told once. A retry after it went through finds
    /// this request's own entry in the case's audit log and answers done again, telling nobody again (a
    /// notice already sent leaves the outbox, so queuing it again would send it twice).</summary>
    public async Task<ActionOutcome?> TransferAsync(WorkspaceCaller caller, string reference, WorkspaceAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(action);
        var who = action.Text?.Trim() ?? string.Empty;
        if (who.Length == 0)
        {
            return await OwnedAsync(caller, reference, cancellationToken).ConfigureAwait(false) is null ? null : ActionOutcome.Refused("empty");
        }

        if (await TransferredBeforeAsync(caller, reference, action, cancellationToken).ConfigureAwait(false))
        {
            return ActionOutcome.Done;
        }

        if (action.Version is not null && await OwnedAsync(caller, reference, cancellationToken).ConfigureAwait(false) is { } read && CaseVersion.IsStale(read, action.Version))
        {
            return Reload;
        }

        var decision = await transfer.DecideAsync(caller.ObjectId, caller.Owner, reference, who, cancellationToken).ConfigureAwait(false);
        if (decision.Outcome == TextKey.OwnerCaseNotFound)
        {
            return null;
        }

        if (decision is not { Reference: { } handed, From: { } from, To: { } to })
        {
            return ActionOutcome.Refused(decision.Outcome switch
            {
                TextKey.TransferSelf => "self",
                TextKey.TransferGroup => "group",
                TextKey.TransferUnavailable => "unavailable",
                _ => "not-responder",
            });
        }

        var change = new PendingChange { Reference = handed, ActivityId = ActivityId(action), Actor = caller.ObjectId, At = clock.GetUtcNow(), TransferFrom = from, TransferTo = to };
        await ApplyAsync(change, cancellationToken).ConfigureAwait(false);
        await outbox.PostAsync(new OwnerNotification(to, TextKey.OwnerCaseTransferred, handed), $"{change.ActivityId}/{TextKey.OwnerCaseTransferred}", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (decision.Reporter is { } reporter)
        {
            await outbox.PostAsync(new OwnerNotification(reporter, TextKey.ReporterCaseTransferred, handed, NotificationRecipient.Reporter), $"{change.ActivityId}/{TextKey.ReporterCaseTransferred}", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return ActionOutcome.Done;
    }

    /// <summary>True when this very request (its id, by this caller) already handed the case over, as the
    /// audit log's transfer entry shows; it only says so to the person who sent it, who knows it anyway.</summary>
    private async Task<bool> TransferredBeforeAsync(WorkspaceCaller caller, string reference, WorkspaceAction action, CancellationToken cancellationToken)
    {
        var normalized = reference.Trim().ToUpperInvariant();
        if (!CaseReference.IsValid(normalized))
        {
            return false;
        }

        var id = ActivityId(action);
        return (await cases.ReadAuditAsync(normalized, cancellationToken).ConfigureAwait(false))
            .Any(a => a.Action == AuditAction.Transfer && a.Result == AuditResult.Done && a.ActivityId == id && a.By == caller.ObjectId);
    }

    /// <summary>Puts on (<paramref name="hold"/>) or releases a legal hold, as <c>hold IR-…</c> and
    /// <c>release IR-…</c>: for the case's owner and for <c>Retention:HoldRoles</c> (<see cref="LegalHold"/>
    /// decides, and audits), anyone else gets null. An owner cannot release a hold role's hold. A hold or
    /// release the case is already in answers <c>already</c>; one decided on an older read of a case that
    /// has changed since is refused with <c>reload</c>.</summary>
    public async Task<ActionOutcome?> HoldAsync(WorkspaceCaller caller, string reference, bool hold, WorkspaceAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(action);
        var stored = CaseReference.IsValid(reference) ? await cases.GetAsync(reference, cancellationToken).ConfigureAwait(false) : null;

        // A hold is written to case.json, which this version must not write back over a newer one's status.
        if (stored is { Status: CaseStatus.Unknown } newer)
        {
            return legalHold.MayHold(newer, caller.ObjectId, caller.Owner) ? ActionOutcome.Refused("newer-version") : null;
        }

        if (stored is not null && (stored.Hold is not null) != hold && CaseVersion.IsStale(stored, action.Version))
        {
            return legalHold.MayHold(stored, caller.ObjectId, caller.Owner) ? Reload : null;
        }

        var outcome = hold
            ? await legalHold.HoldAsync(reference, caller.ObjectId, caller.Owner, cancellationToken).ConfigureAwait(false)
            : await legalHold.ReleaseAsync(reference, caller.ObjectId, caller.Owner, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            HoldOutcome.Held or HoldOutcome.Released => ActionOutcome.Done,
            HoldOutcome.AlreadyHeld or HoldOutcome.NotHeld => ActionOutcome.Already,
            HoldOutcome.HeldByHoldRole => ActionOutcome.Refused("held-by-hold-role"),
            _ => null,
        };
    }

    /// <summary>The case changed since the page read it: nothing was done, and the page shows it again.</summary>
    private static ActionOutcome Reload { get; } = ActionOutcome.Refused("reload");

    /// <summary>The case when the caller owns it (the token always names the caller, who is the actor).</summary>
    private Task<CaseRecord?> OwnedAsync(WorkspaceCaller caller, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return sharing.OwnedCaseAsync(caller.Owner, reference, cancellationToken);
    }

    private PendingChange Change(WorkspaceCaller caller, CaseRecord record, WorkspaceAction action) => new()
    {
        Reference = record.Reference,
        ActivityId = ActivityId(action),
        Actor = caller.ObjectId,
        At = clock.GetUtcNow(),
    };

    private static string ActivityId(WorkspaceAction action) => IdPrefix + action.RequestId.ToString("N");

    private Task ApplyAsync(PendingChange change, CancellationToken cancellationToken)
        => work.ApplyAsync(new CommittedWork(null, [change]), change.ActivityId, [], sender: null, cancellationToken);

    private Task NotifyAsync(Reporter reporter, TextKey message, PendingChange change, CancellationToken cancellationToken)
        => outbox.PostAsync(new OwnerNotification(reporter.AadObjectId, message, change.Reference, NotificationRecipient.Reporter), $"{change.ActivityId}/{message}", clock.GetUtcNow(), cancellationToken);
}
