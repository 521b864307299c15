using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;

namespace IntakeBot.Evidence;

/// <summary>Takes the token from the connector client the adapter made for this turn, so the bot
/// never runs an OAuth exchange of its own.</summary>
public sealed class AdapterConnectorTokenProvider : IConnectorTokenProvider
{
    public async Task<string?> GetTokenAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        => turnContext.TurnState.Get<IConnectorClient>()?.Credentials is AppCredentials credentials && !string.IsNullOrEmpty(credentials.MicrosoftAppId)
            ? await credentials.GetTokenAsync().ConfigureAwait(false)
            : null;
}
