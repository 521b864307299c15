namespace IntakeBot.Responders;

/// <summary>The bot's own Bot Framework identity, bound once from the root keys the Bot Framework
/// reads (<c>MicrosoftAppId</c>). Everything that starts a conversation itself (notifications, the
/// private chat after a group mention, a kept message) and the start-up check read it from here.</summary>
public sealed class BotOptions
{
    /// <summary>Empty when the bot runs without credentials (Development only).</summary>
    public string MicrosoftAppId { get; set; } = string.Empty;

    public bool HasCredentials => !string.IsNullOrWhiteSpace(MicrosoftAppId);
}
