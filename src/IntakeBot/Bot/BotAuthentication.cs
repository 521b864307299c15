namespace IntakeBot.Bot;

/// <summary>Whether the Bot Framework keys are set; without them the bot serves only local,
/// unauthenticated use.</summary>
public static class BotAuthentication
{
    public static bool IsConfigured(IConfiguration configuration)
        => !string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);
}
