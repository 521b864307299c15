using Microsoft.Extensions.Options;

namespace IntakeBot.Responders;

public static class RespondersServiceCollectionExtensions
{
    /// <summary>Responders: the roster, where to reach them and reporters, and the reference-only
    /// notifications they get through the outbox, drained in the background.</summary>
    public static IServiceCollection AddResponders(this IServiceCollection services)
    {
        services.AddOptions<RosterOptions>().BindConfiguration(RosterOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RosterOptions>, RosterOptionsValidator>();
        services.AddSingleton<ResponderRoster>();
        services.AddSingleton<ResponderDirectory>();
        services.AddSingleton<ReporterDirectory>();
        services.AddSingleton<PrivateChat>();
        services.AddSingleton<WorkspaceLink>();
        services.AddSingleton<OwnerNotifier>();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<IdentityNotice>();
        services.AddHostedService<NotificationSender>();
        return services;
    }
}
