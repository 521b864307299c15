using Azure.Identity;
using Azure.Storage.Blobs;
using IntakeBot.Storage;
using IntakeBot.Telemetry;
using Microsoft.Extensions.Options;

namespace IntakeBot.Cases;

public static class CasesServiceCollectionExtensions
{
    /// <summary>Storage (cases and bot state in two private containers, created at start-up), the case
    /// store and its index, and the limits and lifecycle of a case. Register first: hosted services start
    /// in the order they were added, and the containers must exist before any background pass.</summary>
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = new BlobClientOptions();
            clientOptions.Retry.MaxRetries = options.MaxRetries;
            clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds);
            clientOptions.AddPolicy(new StorageTelemetryPolicy(options.CasesContainer, options.StateContainer, CaseReference.IsValid), Azure.Core.HttpPipelinePosition.PerCall);
            return options.AccountUrl is { } url
                ? new BlobServiceClient(url, new DefaultAzureCredential(), clientOptions)
                : new BlobServiceClient(options.ConnectionString, clientOptions);
        });
        services.AddSingleton(sp => new BlobContainers(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddHostedService<ContainerInitializer>();
        services.AddSingleton<ICaseStore, BlobCaseStore>();
        services.AddCaseIndex();
        services.AddOptions<CaseLimits>().BindConfiguration(CaseLimits.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CaseLimits>, CaseLimitsValidator>();
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        services.AddHttpClient(KeyVaultKeyWrap.HttpClientName);
        services.AddSingleton<IKeyWrap>(sp =>
        {
            var identity = sp.GetRequiredService<IOptions<IdentityOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(identity.KeyId))
            {
                return new KeyVaultKeyWrap(sp.GetRequiredService<IHttpClientFactory>(), new DefaultAzureCredential(), identity.KeyId);
            }

            return StorageOptionsValidator.TryDecode(identity.LocalKey ?? string.Empty) is { Length: IdentityOptionsValidator.LocalKeyBytes } local
                ? new LocalKeyWrap(local)
                : new UnconfiguredKeyWrap();
        });
        services.AddSingleton<IdentitySeal>();
        services.AddSingleton<CaseLifecycle>();
        services.AddSingleton<CaseChanges>();
        services.AddSingleton<CaseQueries>();
        return services;
    }
}
