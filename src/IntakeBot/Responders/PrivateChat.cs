using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace IntakeBot.Responders;

/// <summary>Opens (or, as Teams does for the same two members, reuses) the bot's 1:1 conversation with
/// the person who sent an activity anywhere else, and runs a turn there: after a mention in a group
/// chat or channel, and for a message kept with "Report this message".</summary>
public sealed class PrivateChat(IOptions<BotOptions> bot)
{
    /// <summary>False when the activity has nothing to open a conversation from (no sender, no service
    /// URL, an adapter that cannot create one); otherwise runs <paramref name="callback"/> in the 1:1
    /// turn, and throws what the connector or the callback throws.</summary>
    public async Task<bool> RunAsync(ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (turnContext.Adapter is not CloudAdapterBase adapter || activity.From is null || string.IsNullOrEmpty(activity.ServiceUrl))
        {
            return false;
        }

        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = activity.Recipient,
            Members = [activity.From],
            TenantId = activity.Conversation?.TenantId ?? activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id,
        };
        await adapter.CreateConversationAsync(bot.Value.MicrosoftAppId, activity.ChannelId, activity.ServiceUrl, null, parameters, callback, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
