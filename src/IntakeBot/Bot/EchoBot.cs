using IntakeBot.Conversation;
using Microsoft.Bot.Builder;

namespace IntakeBot.Bot;

/// <summary>The load benchmark's baseline: a bare turn through the same adapter and the same blob
/// state (one property read and written), answering with a count. Mapped only when
/// Diagnostics:EchoEndpoint is on.</summary>
public sealed class EchoBot(ConversationStateAccessors state) : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var profile = await state.GetProfileAsync(turnContext, cancellationToken).ConfigureAwait(false);
        profile.RecentActivityIds = [.. profile.RecentActivityIds.TakeLast(31), turnContext.Activity.Id ?? string.Empty];
        await turnContext.SendActivityAsync(MessageFactory.Text($"echo {profile.RecentActivityIds.Count}"), cancellationToken).ConfigureAwait(false);
        await state.State.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
    }
}
