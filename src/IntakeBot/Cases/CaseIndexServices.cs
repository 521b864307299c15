using IntakeBot.Storage;
using Microsoft.Extensions.Options;

namespace IntakeBot.Cases;

public static class CaseIndexServices
{
    /// <summary>The index key (checked at start-up) and the background pass that tags older cases. Register
    /// after the container initializer: hosted services start in the order they were added.</summary>
    public static IServiceCollection AddCaseIndex(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(sp => CaseIndexKey.FromOptions(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddOptions<CaseIndexOptions>().BindConfiguration(CaseIndexOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<CaseIndexMigration>();
        return services;
    }
}
