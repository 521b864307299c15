using Microsoft.Bot.Builder;

namespace IntakeBot.Bot;

/// <summary>Collects every activity in and out of a turn into its <see cref="TurnTranscript"/>; the
/// bot writes them to the case the turn belongs to before it saves state.</summary>
public sealed class TranscriptCollector(TimeProvider clock) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var transcript = new TurnTranscript();
        transcript.Add("in", turnContext.Activity, clock.GetUtcNow());
        turnContext.TurnState.Add(transcript);
        turnContext.OnSendActivities(async (context, activities, nextSend) =>
        {
            foreach (var activity in activities)
            {
                transcript.Add("out", activity, clock.GetUtcNow());
            }

            return await nextSend().ConfigureAwait(false);
        });

        await next(cancellationToken).ConfigureAwait(false);
    }
}
