using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Responders;
using IntakeBot.Retention;
using IntakeBot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

namespace IntakeBot.Bot;

/// <summary>The end of every turn, in one place: record what came in, hold the bot's replies while
/// the bot decides and commits its state, then send the replies, then apply what the commit implies
/// outside the state blob (a submitted case, the case's transcript, a discarded draft's blobs, messages
/// to other people through the outbox). Nothing the person is shown comes before the
/// commit; a reply that fails to send after it is not treated as a lost message, because it was not
/// one: the person's message is kept.</summary>
public sealed class TurnCommit(
    ICaseStore cases,
    CaseDrafts drafts,
    DraftPurge draftPurge,
    ConversationStateAccessors state,
    NotificationOutbox outbox,
    TimeProvider clock,
    ILogger<TurnCommit> logger) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var transcript = new TurnTranscript();
        transcript.Add("in", turnContext.Activity, clock.GetUtcNow());
        turnContext.TurnState.Add(transcript);

        var held = new List<Activity>();
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
                transcript.Add("out", activity, clock.GetUtcNow());
            }

            return [.. activities.Select(_ => new ResourceResponse(string.Empty))];
        });

        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // From here on (including the adapter's error handler) replies go straight out.
            holding = false;
        }

        await SendAsync(turnContext, held, transcript, cancellationToken).ConfigureAwait(false);
        await ApplyAsync(turnContext, transcript, cancellationToken).ConfigureAwait(false);
        await ApplyDraftAsync(turnContext, transcript, cancellationToken).ConfigureAwait(false);
        foreach (var notification in OwnerNotifier.Decided(turnContext))
        {
            outbox.Post(notification);
        }
    }

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

    /// <summary>Writes the turn's lines to the case it belongs to. The state is committed by now: a
    /// failure here must not tell the person their message was lost, so it is logged instead.</summary>
    private async Task ApplyAsync(ITurnContext turnContext, TurnTranscript transcript, CancellationToken cancellationToken)
    {
        if (transcript.CaseReference is not { } reference || transcript.CaseDeleted)
        {
            return;
        }

        try
        {
            await cases.AppendTranscriptAsync(reference, transcript.Entries, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError("The transcript of turn {ActivityId} could not be added to case {CaseReference} ({ExceptionType}).",
                turnContext.Activity.Id, reference, e.GetType().FullName);
        }
    }

    /// <summary>What the commit decided about a draft: a discarded one's blobs go; a submitted case is
    /// written, and then taken out of the state (so no report text stays there). A case committed by a
    /// turn whose process stopped before this point is found in the state and written by the next
    /// turn. Only for turns that read and committed the conversation's state.</summary>
    private async Task ApplyDraftAsync(ITurnContext turnContext, TurnTranscript transcript, CancellationToken cancellationToken)
    {
        if (!turnContext.TurnState.ContainsKey(nameof(ConversationState)))
        {
            return;
        }

        var stateKey = $"{turnContext.Activity.ChannelId}/conversations/{turnContext.Activity.Conversation.Id}";
        try
        {
            if (turnContext.TurnState.Get<DiscardedDraft>() is { } discarded)
            {
                await draftPurge.DiscardAsync(stateKey, discarded.Reference, cancellationToken).ConfigureAwait(false);
            }

            // Replies that never reached the person leave the draft's transcript too (rare: one more write).
            var draft = transcript.Dropped.Count > 0 ? await state.Draft.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false) : null;
            var changed = draft is not null && draft.PendingTranscript.RemoveAll(transcript.Dropped.Contains) > 0;

            var pending = await state.PendingCase.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false);
            if (pending is not null)
            {
                await drafts.ApplyAsync(pending, transcript.Dropped, cancellationToken).ConfigureAwait(false);
                await state.PendingCase.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
                changed = true;
            }

            if (changed)
            {
                await state.State.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
            }

            if (pending is not null)
            {
                await draftPurge.ForgetHistoryAsync(stateKey, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (StateConflictException)
        {
            // Another turn committed since: it holds the case too and writes it if this did not.
            logger.LogInformation("Turn {ActivityId} wrote its case; a later turn takes it out of the state.", turnContext.Activity.Id);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError("What turn {ActivityId} committed could not be applied yet ({ExceptionType}); the next turn tries again.",
                turnContext.Activity.Id, e.GetType().FullName);
        }
    }
}
