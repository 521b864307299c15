using IntakeBot.Conversation;
using IntakeBot.Lifecycle;
using IntakeBot.Responders;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;

namespace IntakeBot.Bot;

public static class BotServiceCollectionExtensions
{
    /// <summary>The bot: which channel and tenants it takes activities from at all (validated at start-up),
    /// the turn's commit, and the Bot Framework adapter, which authenticates every request when the app's
    /// credentials are set.</summary>
    public static IServiceCollection AddBot(this IServiceCollection services)
    {
        services.AddSingleton<ITurnCommits, CommittedTurns>();
        services.AddTransient<IBot, IntakeActivityHandler>();

        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        services.AddSingleton<TeamsGuard>();

        services.AddOptions<BotOptions>().Configure<IConfiguration>((o, c) =>
        {
            o.MicrosoftAppId = c["MicrosoftAppId"] ?? string.Empty;
            o.MicrosoftAppType = c["MicrosoftAppType"] ?? string.Empty;
            o.MicrosoftAppTenantId = c["MicrosoftAppTenantId"] ?? string.Empty;
            o.HasPassword = !string.IsNullOrWhiteSpace(c["MicrosoftAppPassword"]);
        }).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.AddHttpClient();
        services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
            sp.GetRequiredService<IConfiguration>(),
            httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
            logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));
        services.AddSingleton<TurnCommit>();
        services.AddSingleton<UnconfirmedTurns>();
        services.AddHostedService(sp => sp.GetRequiredService<UnconfirmedTurns>());

        // The closed-case news reads settings of Lifecycle and Conversation; Responders sees only the values.
        services.AddSingleton(sp => new ClosedCaseNotice(
            sp.GetRequiredService<IOptions<LifecycleOptions>>().Value.ClosedReplies(),
            sp.GetRequiredService<IOptions<IntakeOptions>>().Value.SupportResource));
        services.AddSingleton<TurnLanguage>();
        services.AddSingleton<IntakeAdapter>();
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<IntakeAdapter>());
        services.AddSingleton<BotAdapter>(sp => sp.GetRequiredService<IntakeAdapter>());
        return services;
    }
}
