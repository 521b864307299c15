using IntakeBot.Cases;
using IntakeBot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation;

/// <summary>The conversation's side of the commit (<c>Bot/TurnCommit</c> holds, writes and sends): what
/// the turn decided (<see cref="ConversationTurn"/>) goes into the conversation's state before the one
/// ETag-guarded write, and is applied to the cases after it. Only turns that read the state have any.</summary>
public sealed class ConversationCommit(
    PendingWork work,
    CaseDrafts drafts,
    ConversationStateAccessors state,
    TimeProvider clock,
    ILogger<ConversationCommit> logger)
{
    /// <summary>Before the commit: the case the turn submitted, its changes to submitted cases with the
    /// turn's lines (and the evidence it stored) for the case it touched, and the draft it discarded go
    /// into the state, so that the commit keeps them: a process that stops before they are written to the
    /// cases leaves them for the next turn instead of losing them.</summary>
    public async Task KeepAsync(ITurnContext turnContext, ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Submitted is { } submitted)
        {
            await state.PendingCase.SetAsync(turnContext, submitted, cancellationToken).ConfigureAwait(false);
        }

        if (turn.Changes.Count > 0)
        {
            var decided = await state.PendingChanges.GetAsync(turnContext, () => [], cancellationToken).ConfigureAwait(false);
            decided.AddRange(turn.Changes);
            await state.PendingChanges.SetAsync(turnContext, decided, cancellationToken).ConfigureAwait(false);
        }

        await KeepCaseLinesAsync(turnContext, turn, cancellationToken).ConfigureAwait(false);
        if (turn.Discarded is { } discarded && turn.ReadState)
        {
            await state.PendingDiscard.SetAsync(turnContext, discarded with { At = clock.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The turn failed, and the person was shown <paramref name="reply"/> about it: what they
    /// said and that reply go into their draft's transcript, which holds what they saw, in a commit of
    /// its own on the newest state. (The replies the failed turn had decided were never sent, so they are
    /// not recorded.) When that commit fails too, the log says so and the draft keeps what it had.</summary>
    public async Task RecordFailedTurnAsync(ITurnContext turnContext, IActivity reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(reply);
        var turn = ConversationTurn.Of(turnContext);
        if (turn.Transcript is not { Entries: [var said, ..] } || !turn.ReadState)
        {
            return;
        }

        try
        {
            if (!turn.StateReloaded)
            {
                await state.State.LoadAsync(turnContext, force: true, cancellationToken).ConfigureAwait(false);
            }

            // A turn whose commit landed after all (or a redelivery of one) is recorded already.
            var profile = await state.GetProfileAsync(turnContext, cancellationToken).ConfigureAwait(false);
            var draft = await state.Draft.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false);
            if (draft?.CaseReference is null || (turnContext.Activity.Id is { Length: > 0 } id && profile.RecentActivityIds.Contains(id, StringComparer.Ordinal)))
            {
                return;
            }

            var shown = new TurnTranscript();
            shown.Add(TranscriptDirection.Out, reply, clock.GetUtcNow());
            draft.PendingTranscript.AddRange([said, .. shown.Entries]);
            await state.Draft.SetAsync(turnContext, draft, cancellationToken).ConfigureAwait(false);
            await state.State.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Called from the adapter's error handler, which must end the turn whatever happens here.
            logger.LogWarning("The error reply of turn {ActivityId} could not be added to the draft's transcript ({ExceptionType}).", turnContext.Activity.Id, e.GetType().FullName);
        }
    }

    /// <summary>After the commit and the replies: a discarded draft's blobs go; a submitted case, or a
    /// change to one, is written (<see cref="PendingWork"/>), and then taken out of the state (so no
    /// report text stays there). What an earlier turn committed and did not write (its process stopped, or
    /// storage failed) is found in the state and written here too, under the healing lease; while the
    /// background pass holds it, that work stays for the pass.</summary>
    public async Task ApplyAsync(ITurnContext turnContext, ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(turn);
        if (!turn.ReadState)
        {
            return;
        }

        var transcript = turn.Transcript;
        try
        {
            // This turn's discard, or one a process that stopped after its commit left in the state.
            var changed = false;
            if (await state.PendingDiscard.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false) is { } discarded)
            {
                await work.DiscardAsync(BlobStateStorage.BlobNameOf(turn.StateKey), discarded, cancellationToken).ConfigureAwait(false);
                await state.PendingDiscard.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
                changed = true;
            }

            // Replies that never reached the person leave the draft's transcript too, and the next
            // message is checked for being this one sent again (rare: one more write).
            var draft = transcript.Dropped.Count > 0 ? await state.Draft.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false) : null;
            changed |= draft is not null && draft.PendingTranscript.RemoveAll(transcript.Dropped.Contains) > 0;
            if (transcript.Dropped.Count > 0)
            {
                (await state.GetProfileAsync(turnContext, cancellationToken).ConfigureAwait(false)).UnseenRepliesTo = turn.Fingerprint;
                changed = true;
            }

            var pending = await state.PendingCase.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false);
            var changes = await state.PendingChanges.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false) ?? [];
            var activityId = turnContext.Activity.Id;
            var submittedHere = pending is not null && turn.Submitted?.Record.Reference == pending.Record.Reference;
            var own = new CommittedWork(submittedHere ? pending : null, [.. changes.Where(c => c.ActivityId == activityId)]);
            var left = new CommittedWork(submittedHere ? null : pending, [.. changes.Where(c => c.ActivityId != activityId)]);
            var sender = turnContext.Activity.GetConversationReference();
            await work.ApplyAsync(own, activityId, transcript.Dropped, sender, cancellationToken).ConfigureAwait(false);
            var healed = left.IsEmpty || await work.TryHealAsync(left, sender, cancellationToken).ConfigureAwait(false);

            var written = pending is not null && (submittedHere || healed);
            if (written)
            {
                await state.PendingCase.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
                changed = true;
            }

            if (changes.Count > 0 && (healed || own.Changes.Count > 0))
            {
                if (healed)
                {
                    await state.PendingChanges.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await state.PendingChanges.SetAsync(turnContext, [.. left.Changes], cancellationToken).ConfigureAwait(false);
                }

                changed = true;
            }

            if (changed)
            {
                await state.State.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
            }

            if (written)
            {
                await work.ForgetDraftHistoryAsync(BlobStateStorage.BlobNameOf(turn.StateKey), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (StateConflictException)
        {
            // Another turn committed since: it holds the case too and writes it if this did not.
            logger.LogInformation("Turn {ActivityId} wrote its case; a later turn takes it out of the state.", turnContext.Activity.Id);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError("What turn {ActivityId} committed could not be applied yet ({ExceptionType}); the next turn or the background pass tries again.",
                turnContext.Activity.Id, e.GetType().FullName);
        }
    }

    /// <summary>The turn's lines go with its change to the submitted case it touched (one made here
    /// when the turn decided none with its activity id).</summary>
    private async Task KeepCaseLinesAsync(ITurnContext turnContext, ConversationTurn turn, CancellationToken cancellationToken)
    {
        var transcript = turn.Transcript;
        if (transcript.CaseReference is not { } reference || transcript.CaseDeleted || !turn.ReadState)
        {
            return;
        }

        var pending = await state.PendingChanges.GetAsync(turnContext, () => [], cancellationToken).ConfigureAwait(false);
        var index = pending.FindIndex(c => c.Reference == reference && c.ActivityId == turnContext.Activity.Id);
        var change = index >= 0 ? pending[index] : drafts.Change(turnContext, reference);
        change = change with { Transcript = [.. change.Transcript, .. transcript.Entries], Evidence = [.. change.Evidence, .. transcript.Evidence] };
        if (index >= 0)
        {
            pending[index] = change;
        }
        else
        {
            pending.Add(change);
        }

        await state.PendingChanges.SetAsync(turnContext, pending, cancellationToken).ConfigureAwait(false);
    }
}
