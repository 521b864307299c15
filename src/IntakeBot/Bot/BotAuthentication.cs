using IntakeBot.Responders;
namespace IntakeBot.Bot;

/// <summary>Whether the Bot Framework keys are set; without them the bot serves only local,
/// unauthenticated use, and only in the Development environment.</summary>
public static class BotAuthentication
{
    /// <summary>Fails closed: without credentials anyone who can reach /api/messages could claim any
    /// identity (from.aadObjectId comes from the request body), so outside Development the host does
    /// not start at all.</summary>
    public static void RequireOutsideDevelopment(BotOptions bot, IHostEnvironment environment, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(bot);
        if (bot.HasCredentials)
        {
            return;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"No Bot Framework credentials: set MicrosoftAppId (with MicrosoftAppPassword, or MicrosoftAppType for a managed identity). Unauthenticated use is allowed only when ASPNETCORE_ENVIRONMENT is Development; this host runs as '{environment.EnvironmentName}'.");
        }

        logger.LogWarning("No Bot Framework credentials (MicrosoftAppId) are configured: /api/messages accepts unauthenticated requests because the environment is Development. Use this only on your own machine.");
    }
}
