using IntakeBot.Cases;
using Microsoft.Extensions.Options;

namespace IntakeBot.Lifecycle;

public static class LifecycleServiceCollectionExtensions
{
    /// <summary>Follow-up deadlines (validated at start-up), their wording, transfer of a case to another
    /// owner, and the reminder pass. Uses the retention
    /// container for its lease: register after <c>AddRetention</c>.</summary>
    public static IServiceCollection AddLifecycle(this IServiceCollection services)
    {
        services.AddOptions<LifecycleOptions>().BindConfiguration(LifecycleOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LifecycleOptions>, LifecycleOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LifecycleOptions>>().Value.Periods());
        services.AddSingleton<DeadlineWording>();
        services.AddSingleton<CaseTransfer>();
        services.AddSingleton<IDeadlineSchedule>(sp => sp.GetRequiredService<LifecyclePeriods>());
        services.AddSingleton<DeadlineReminders>();
        services.AddHostedService<DeadlineReminderService>();
        return services;
    }
}
