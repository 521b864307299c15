namespace IntakeBot.Responders;

/// <summary>The bot's own Bot Framework identity, bound once from the root keys the Bot Framework
/// reads (<c>MicrosoftAppId</c>, <c>MicrosoftAppType</c>, <c>MicrosoftAppTenantId</c>). Everything that
/// starts a conversation itself (notifications, the private chat after a group mention, a kept message)
/// and the start-up check read it from here. The password itself is never held here, only whether it is set.</summary>
public sealed class BotOptions
{
    /// <summary>Empty when the bot runs without credentials (Development only).</summary>
    public string MicrosoftAppId { get; set; } = string.Empty;

    /// <summary>"MultiTenant", "SingleTenant" or "UserAssignedMSI"; empty means MultiTenant, as the Bot Framework reads it.</summary>
    public string MicrosoftAppType { get; set; } = string.Empty;

    public string MicrosoftAppTenantId { get; set; } = string.Empty;

    /// <summary>Whether <c>MicrosoftAppPassword</c> is set.</summary>
    public bool HasPassword { get; set; }

    public bool HasCredentials => !string.IsNullOrWhiteSpace(MicrosoftAppId);
}
