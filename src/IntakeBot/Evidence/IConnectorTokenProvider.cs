using Microsoft.Bot.Builder;

namespace IntakeBot.Evidence;

/// <summary>The bearer token the bot uses towards the Teams connector in this turn, for fetching
/// inline images; null when the bot runs without credentials.</summary>
public interface IConnectorTokenProvider
{
    Task<string?> GetTokenAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}
