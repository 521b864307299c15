using Microsoft.Extensions.Options;

namespace IntakeBot.Capture;

public static class CaptureServiceCollectionExtensions
{
    /// <summary>"Report this message": a Teams message kept as evidence from where it was posted.</summary>
    public static IServiceCollection AddCapture(this IServiceCollection services)
    {
        services.AddOptions<CaptureOptions>().BindConfiguration(CaptureOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CaptureOptions>, CaptureOptionsValidator>();
        services.AddSingleton<CaptureState>();
        services.AddSingleton<CapturedImages>();
        services.AddSingleton<MessageCapture>();
        return services;
    }
}
