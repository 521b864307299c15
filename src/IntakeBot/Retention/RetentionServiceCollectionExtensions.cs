using Microsoft.Extensions.Options;

namespace IntakeBot.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Retention settings (validated at start-up), purges, legal hold, the tombstones,
    /// the wording, and the sweeper.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RetentionOptions>>().Value.Periods());
        services.AddSingleton<RetentionContainer>();
        services.AddSingleton<Tombstones>();
        services.AddSingleton<ICaseFolders, GraphCaseFolders>();
        services.AddSingleton<IExpiringCases, TaggedExpiringCases>();
        services.AddSingleton<CasePurger>();
        services.AddSingleton<DraftPurge>();
        services.AddSingleton<DraftStateTags>();
        services.AddSingleton<LegalHold>();
        services.AddSingleton<RetentionWording>();
        services.AddSingleton<SweepLease>();
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService<RetentionSweeper>();
        return services;
    }
}
