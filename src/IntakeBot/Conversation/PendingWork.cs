using IntakeBot.Cases;
using IntakeBot.Responders;
using IntakeBot.Retention;
using IntakeBot.Sharing;
using IntakeBot.Storage;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>Writes to the cases what turns committed to a conversation's state (<see cref="CommittedWork"/>),
/// the same way whoever does it: the turn that committed it, right after its commit; a later turn of the
/// same conversation; or the background pass (<see cref="PendingWorkHealer"/>). Every part is idempotent
/// by activity id or by creating only what is not there, checked on the stored blobs (a transcript's
/// lines by a conditional append after a mark in <c>case.json</c>), so a redelivery applying a change at
/// the same time as its first delivery writes it once. Work that another turn committed (left behind by a
/// process that stopped or a write that failed) is healed under one blob lease per state container,
/// which the background pass holds while it runs, so that one healer at a time takes it out of the state.</summary>
public sealed class PendingWork(
    CaseDrafts drafts,
    CaseChanges caseChanges,
    SharingService sharing,
    NotificationOutbox outbox,
    DraftPurge draftPurge,
    RetentionContainer locks,
    IOptions<StorageOptions> storage,
    TimeProvider clock,
    ILogger<PendingWork> logger)
{
    /// <summary>The last pause before a turn leaves its conversation's work to the background pass
    /// (100 ms doubling: about 3 s in all).</summary>
    private static readonly TimeSpan HealWait = TimeSpan.FromMilliseconds(1600);

    private readonly SweepLease _healing = new(locks, clock, $"healing-{storage.Value.StateContainer}.lock");

    /// <summary>Applies <paramref name="work"/>: the parts decided by <paramref name="activityId"/> as that
    /// turn's own (without <paramref name="undelivered"/>, the replies that never reached the person), any
    /// other part as healing. <paramref name="sender"/> is the conversation of the turn, when there is one.
    /// Storage failures are thrown: the work stays in the state for the next try.</summary>
    public async Task ApplyAsync(CommittedWork work, string? activityId, IReadOnlyCollection<TranscriptEntry> undelivered, ConversationReference? sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.Case is { } submitted)
        {
            await drafts.ApplyAsync(submitted, undelivered, cancellationToken).ConfigureAwait(false);
        }

        foreach (var change in work.Changes)
        {
            var own = change.ActivityId == activityId;
            await caseChanges.ApplyAsync(change, own ? undelivered : [], cancellationToken).ConfigureAwait(false);
            if (change.RefreshSharedFor is { } owner)
            {
                await RefreshSharedAsync(change, owner, sender, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Heals work other turns committed, under the healing lease; false, with nothing done, while
    /// another healer (the background pass, here or in another process) holds it for longer than a
    /// moment. A turn that heals its own conversation waits that moment (another turn's heal takes well
    /// under a second): otherwise two people writing after a restart leave one's work to the background
    /// pass, minutes later, while the owner may already have been told of it.</summary>
    public async Task<bool> TryHealAsync(CommittedWork work, ConversationReference? sender, CancellationToken cancellationToken)
    {
        for (var pause = TimeSpan.FromMilliseconds(100); ; pause *= 2)
        {
            if (await _healing.RunAsync(ct => ApplyAsync(work, activityId: null, [], sender, ct), cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            if (pause > HealWait)
            {
                return false;
            }

            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a background pass under the healing lease; false, without running it, while another
    /// healer holds it.</summary>
    public Task<bool> TryRunPassAsync(Func<CancellationToken, Task> pass, CancellationToken cancellationToken)
        => _healing.RunAsync(pass, cancellationToken);

    /// <summary>After a discard's commit: the draft's blobs and the state blob's earlier versions go.</summary>
    public Task DiscardAsync(string stateBlobName, DiscardedDraft discarded, CancellationToken cancellationToken)
        => draftPurge.DiscardAsync(stateBlobName, discarded?.Reference, cancellationToken);

    /// <summary>After a submitted case is written and taken out of the state: earlier versions of the
    /// state blob still hold the draft's text; the case now has it.</summary>
    public Task ForgetDraftHistoryAsync(string stateBlobName, CancellationToken cancellationToken)
        => draftPurge.ForgetHistoryAsync(stateBlobName, cancellationToken);

    /// <summary>Colleagues the case is shared with get the case file with the change in it, through the
    /// same path and conflict check as an addition; the owner hears of one who lost access through the
    /// outbox, since the turn's replies are already sent. A sharing failure leaves the change written
    /// and the shared file as it was.</summary>
    private async Task RefreshSharedAsync(PendingChange change, string owner, ConversationReference? sender, CancellationToken cancellationToken)
    {
        try
        {
            if (await sharing.RefreshIfSharedAsync(change.Reference, change.Actor, cancellationToken).ConfigureAwait(false))
            {
                var notice = new OwnerNotification(owner, Text.TextKey.OwnerAccessWithheld, change.Reference, NotificationRecipient.Owner, sender);
                await outbox.PostAsync(notice, $"withheld/{change.Reference}/{change.ActivityId}", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The shared case file of {CaseReference} was not refreshed ({ExceptionType}).", change.Reference, e.GetType().FullName);
        }
    }
}
