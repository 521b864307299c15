using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Bot;

/// <summary>Holds the bot's replies until the turn has finished and its state is saved, then sends
/// them. A person is never shown the next question for an answer that was not kept: when the turn
/// fails, its replies are dropped and only the error handler's message goes out.</summary>
public sealed class RepliesAfterSave : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var held = new List<Activity>();
        var holding = true;
        turnContext.OnSendActivities(async (context, activities, nextSend) =>
        {
            if (!holding)
            {
                return await nextSend().ConfigureAwait(false);
            }

            held.AddRange(activities.Where(a => a.Type != ActivityTypes.Trace));
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

        if (held.Count > 0)
        {
            await turnContext.SendActivitiesAsync([.. held], cancellationToken).ConfigureAwait(false);
        }
    }
}
