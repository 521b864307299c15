using IntakeBot.Cases;
using IntakeBot.Responders;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

namespace IntakeBot.Bot;

/// <summary>The end of every turn, in one place: record what came in, hold the bot's replies while
/// the bot decides and commits its state, then send the replies, then apply what the commit implies
/// outside the state blob (the case's transcript, messages to other people through the outbox). Nothing the person is shown comes before the
/// commit; a reply that fails to send after it is not treated as a lost message, because it was not
/// one: the person's message is kept.</summary>
public sealed class TurnCommit(ICaseStore cases, NotificationOutbox outbox, TimeProvider clock, ILogger<TurnCommit> logger) : Microsoft.Bot.Builder.IMiddleware
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
            await cases.AppendTranscriptAsync(reference, [.. transcript.Earlier, .. transcript.Entries], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError("The transcript of turn {ActivityId} could not be added to case {CaseReference} ({ExceptionType}).",
                turnContext.Activity.Id, reference, e.GetType().FullName);
        }
    }
}
