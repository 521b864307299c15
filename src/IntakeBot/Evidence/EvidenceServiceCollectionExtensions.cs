using Microsoft.Extensions.Options;

namespace IntakeBot.Evidence;

public static class EvidenceServiceCollectionExtensions
{
    /// <summary>Evidence: fetched only from allowed hosts, never following a redirect elsewhere, streamed
    /// into blobs; a Teams message kept with "Report this message" is one more kind of it.</summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services)
    {
        services.AddOptions<EvidenceOptions>().BindConfiguration(EvidenceOptions.Section).ValidateDataAnnotations()
            .PostConfigure<IHostEnvironment>((o, env) => o.AllowLoopbackHttp |= env.IsDevelopment())
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EvidenceOptions>, EvidenceOptionsValidator>();
        services.AddHttpClient(AttachmentFetcher.HttpClientName).RemoveAllLoggers() // download paths name the uploader
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(10) });
        services.AddSingleton<IConnectorTokenProvider, AdapterConnectorTokenProvider>();
        services.AddSingleton<AttachmentFetcher>();
        services.AddSingleton<EvidenceSeal>();
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<EvidenceIntake>();
        services.AddSingleton<TeamsMessageEvidence>();
        return services;
    }
}
