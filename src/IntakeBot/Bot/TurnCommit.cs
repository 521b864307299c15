using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Responders;
using IntakeBot.Retention;
using IntakeBot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace IntakeBot.Bot;

/// <summary>The end of every turn, in one place: record what came in, hold the bot's replies while
/// the bot decides, write the messages it decided for other people to the outbox (named from the
/// activity, so a redelivery writes the same ones), commit the conversation's state (the one
/// ETag-guarded write that makes the turn count), then send the replies, then apply what the commit
/// implies outside the state blob (a submitted case, a change to one with its transcript lines, a
/// discarded draft's blobs) and hand the outbox entries to the sender. Nothing the person is shown comes before the commit; a
/// reply that fails to send after it is not treated as a lost message, because it was not one: the
/// person's message is kept.</summary>
public sealed class TurnCommit(
    PendingWork work,
    CaseDrafts drafts,
    ConversationStateAccessors state,
    NotificationOutbox outbox,
    IOptions<NotificationOptions> notificationOptions,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<TurnCommit> logger) : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>Test seam (never set in production): every turn stops for good right after its commit,
    /// so that a test can kill the process exactly between the commit and what follows it.</summary>
    private readonly bool _holdAfterCommit = configuration.GetValue<bool>("Diagnostics:HoldAfterCommit");

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var transcript = new TurnTranscript();
        transcript.Add(TranscriptDirection.In, turnContext.Activity, clock.GetUtcNow());
        turnContext.TurnState.Add(transcript);

        var held = new List<Activity>();
        turnContext.TurnState.Add(HeldReplies, held);
        var holding = true;
        turnContext.OnSendActivities(async (context, activities, nextSend) =>
        {
            if (!holding)
            {
                return await nextSend().ConfigureAwait(false);
            }

            foreach (var activity in activities.Where(a => a.Type != ActivityTypes.Trace))
            {
                held.Add(activity);
                transcript.Add(TranscriptDirection.Out, activity, clock.GetUtcNow());
            }

            return [.. activities.Select(_ => new ResourceResponse(string.Empty))];
        });

        List<OutboxEntry> messages;
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
            messages = await CommitAsync(turnContext, transcript, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // From here on (including the adapter's error handler) replies go straight out.
            holding = false;
        }

        await SendAsync(turnContext, held, transcript, cancellationToken).ConfigureAwait(false);
        await ApplyDraftAsync(turnContext, transcript, cancellationToken).ConfigureAwait(false);
        outbox.Committed(messages);
    }

    /// <summary>The commit. Messages for other people are written before it, so that a process that
    /// stops right after it leaves them behind for any process to send; one that finds them checks the
    /// commit (the activity id in the state) first, so those of a turn that failed are never sent.</summary>
    private async Task<List<OutboxEntry>> CommitAsync(ITurnContext turnContext, TurnTranscript transcript, CancellationToken cancellationToken)
    {
        await KeepCaseLinesAsync(turnContext, transcript, cancellationToken).ConfigureAwait(false);
        var activity = turnContext.Activity;
        var now = clock.GetUtcNow();
        if (turnContext.TurnState.Get<DiscardedDraft>() is { } discarded && turnContext.TurnState.ContainsKey(nameof(ConversationState)))
        {
            await state.PendingDiscard.SetAsync(turnContext, discarded with { At = now }, cancellationToken).ConfigureAwait(false);
        }

        var messages = OwnerNotifier.Decided(turnContext).Select(n => new OutboxEntry(n, StateKey(turnContext), activity.Id, now)).ToList();
        var due = now + TimeSpan.FromMilliseconds(notificationOptions.Value.ClaimAfterMilliseconds);
        var checkable = !string.IsNullOrEmpty(activity.Id) && turnContext.TurnState.ContainsKey(nameof(ConversationState));
        if (checkable)
        {
            await outbox.WriteAsync(messages, due, cancellationToken).ConfigureAwait(false);
        }

        await state.State.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
        if (!checkable)
        {
            // Nothing to check a commit by: written once the turn counts.
            await outbox.WriteAsync(messages, due, cancellationToken).ConfigureAwait(false);
        }

        if (_holdAfterCommit && turnContext.TurnState.ContainsKey(nameof(ConversationState)))
        {
            logger.LogWarning("Turn {ActivityId} committed and is held there (Diagnostics:HoldAfterCommit).", activity.Id);
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        return messages;
    }

    /// <summary>The turn's state holds its replies under this key while they are held: a commit whose
    /// outcome was not known at first, and turns out to have landed, sends them from the error handler.</summary>
    public const string HeldReplies = "IntakeBot.HeldReplies";

    /// <summary>Set in the turn's state when, after its commit failed, the newest committed state was
    /// read into it (to tell a redelivery): recording the error reply then needs no second read.</summary>
    public const string StateReloaded = "IntakeBot.StateReloaded";

    /// <summary>The turn failed, and the person was shown <paramref name="reply"/> about it: what they
    /// said and that reply go into their draft's transcript, which holds what they saw, in a commit of
    /// its own on the newest state. (The replies the failed turn had decided were never sent, so they are
    /// not recorded.) When that commit fails too, the log says so and the draft keeps what it had.</summary>
    public async Task RecordFailedTurnAsync(ITurnContext turnContext, IActivity reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(reply);
        if (TurnTranscript.Of(turnContext) is not { Entries: [var said, ..] } || !turnContext.TurnState.ContainsKey(nameof(ConversationState)))
        {
            return;
        }

        try
        {
            if (!turnContext.TurnState.ContainsKey(StateReloaded))
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

    /// <summary>True (once) when this message repeats the last one whose replies never reached the
    /// person: they are sending it again because they saw no answer. It was kept the first time, so it
    /// is not taken again; they are shown where they are instead.</summary>
    public static bool ResentAfterUnseenReplies(ITurnContext turnContext, ConversationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(profile);
        var unseen = profile.UnseenRepliesTo;
        profile.UnseenRepliesTo = null;
        return unseen is not null && unseen == Fingerprint(turnContext.Activity);
    }

    internal static string Fingerprint(IActivity activity)
    {
        var message = activity.AsMessageActivity();
        var said = message?.Text is { Length: > 0 } text ? text.Trim() : message?.Value?.ToString() ?? string.Empty;
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(said)));
    }

    internal static string StateKey(ITurnContext turnContext) => $"{turnContext.Activity.ChannelId}/conversations/{turnContext.Activity.Conversation?.Id}";

    /// <summary>Sends the held replies in order; from the first that fails, none is sent or recorded.</summary>
    private async Task SendAsync(ITurnContext turnContext, List<Activity> held, TurnTranscript transcript, CancellationToken cancellationToken)
    {
        for (var i = 0; i < held.Count; i++)
        {
            try
            {
                await turnContext.SendActivityAsync(held[i], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or ErrorResponseException or TaskCanceledException && !cancellationToken.IsCancellationRequested
                && !turnContext.TurnState.ContainsKey(OwnerNotifier.ProactiveTurn))
            {
                // (A proactive message's failure goes back to the outbox, which tries it again.)
                logger.LogWarning("A reply in turn {ActivityId} could not be delivered ({ExceptionType}); the turn's state is kept and {Count} replies were not sent.",
                    turnContext.Activity.Id, e.GetType().FullName, held.Count - i);
                foreach (var unsent in held.Skip(i))
                {
                    transcript.Undelivered(unsent);
                }

                return;
            }
        }
    }

    /// <summary>The turn's lines (and the evidence it stored) for the submitted case it touched go into
    /// the state with the turn's change to that case, so that the commit keeps them: a process that
    /// stops before they are written leaves them for the next turn instead of losing them.</summary>
    private async Task KeepCaseLinesAsync(ITurnContext turnContext, TurnTranscript transcript, CancellationToken cancellationToken)
    {
        if (transcript.CaseReference is not { } reference || transcript.CaseDeleted || !turnContext.TurnState.ContainsKey(nameof(ConversationState)))
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

    /// <summary>What the commit decided about a draft or a case: a discarded draft's blobs go; a
    /// submitted case, or a change to one, is written (<see cref="PendingWork"/>), and then taken out of
    /// the state (so no report text stays there). What an earlier turn committed and did not write (its
    /// process stopped, or storage failed) is found in the state and written here too, under the healing
    /// lease; while the background pass holds it, that work stays for the pass. Only for turns that read
    /// and committed the conversation's state.</summary>
    private async Task ApplyDraftAsync(ITurnContext turnContext, TurnTranscript transcript, CancellationToken cancellationToken)
    {
        if (!turnContext.TurnState.ContainsKey(nameof(ConversationState)))
        {
            return;
        }

        var stateKey = StateKey(turnContext);
        try
        {
            // This turn's discard, or one a process that stopped after its commit left in the state.
            var changed = false;
            if (await state.PendingDiscard.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false) is { } discarded)
            {
                await work.DiscardAsync(BlobStateStorage.BlobNameOf(stateKey), discarded, cancellationToken).ConfigureAwait(false);
                await state.PendingDiscard.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
                changed = true;
            }

            // Replies that never reached the person leave the draft's transcript too, and the next
            // message is checked for being this one sent again (rare: one more write).
            var draft = transcript.Dropped.Count > 0 ? await state.Draft.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false) : null;
            changed |= draft is not null && draft.PendingTranscript.RemoveAll(transcript.Dropped.Contains) > 0;
            if (transcript.Dropped.Count > 0)
            {
                (await state.GetProfileAsync(turnContext, cancellationToken).ConfigureAwait(false)).UnseenRepliesTo = Fingerprint(turnContext.Activity);
                changed = true;
            }

            var pending = await state.PendingCase.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false);
            var changes = await state.PendingChanges.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false) ?? [];
            var activityId = turnContext.Activity.Id;
            var submittedHere = pending is not null && turnContext.TurnState.Get<PendingCase>()?.Record.Reference == pending.Record.Reference;
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
                await work.ForgetDraftHistoryAsync(BlobStateStorage.BlobNameOf(stateKey), cancellationToken).ConfigureAwait(false);
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
}
