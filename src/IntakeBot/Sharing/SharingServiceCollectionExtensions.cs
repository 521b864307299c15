using Microsoft.Extensions.Options;

namespace IntakeBot.Sharing;

public static class SharingServiceCollectionExtensions
{
    /// <summary>Sharing: case files in a drive through Microsoft Graph, app-only, off until a drive is
    /// configured (settings validated at start-up).</summary>
    public static IServiceCollection AddSharing(this IServiceCollection services)
    {
        services.AddOptions<SharingOptions>().BindConfiguration(SharingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SharingOptions>, SharingOptionsValidator>();
        services.AddSingleton(sp => GraphClients.Create(sp.GetRequiredService<IOptions<SharingOptions>>().Value));
        services.AddSingleton<GraphDirectory>();
        services.AddSingleton<CaseDrive>();
        services.AddSingleton<ConflictCheck>();
        services.AddSingleton<SharingService>();
        return services;
    }
}
