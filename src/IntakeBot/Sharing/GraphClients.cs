using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace IntakeBot.Sharing;

/// <summary>The Graph client from configuration: app-only credentials through Azure.Identity, the SDK's
/// own retry handlers (429 with Retry-After, transient failures), and the configured base URL.</summary>
public static class GraphClients
{
    private static readonly string[] Scopes = ["https://graph.microsoft.com/.default"];

    public static GraphServiceClient Create(SharingOptions options)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers().ToList();
        var retry = handlers.FindIndex(h => h is RetryHandler);
        handlers[retry] = new RetryHandler(new RetryHandlerOption { MaxRetry = options.MaxRetries, Delay = options.RetryDelaySeconds });
        handlers.Insert(0, new IntakeBot.Telemetry.GraphTelemetryHandler());
        var http = GraphClientFactory.Create(handlers);
        http.Timeout = TimeSpan.FromSeconds(100);
        IAuthenticationProvider auth = Credential(options) is { } credential
            ? new AzureIdentityAuthenticationProvider(credential, [options.GraphBaseUrl.Host], null, true, Scopes)
            : new AnonymousAuthenticationProvider();
        return new GraphServiceClient(http, auth, options.GraphBaseUrl.ToString().TrimEnd('/'));
    }

    /// <summary>Null when sharing is off or when a loopback Graph stand-in needs no sign-in.</summary>
    internal static TokenCredential? Credential(SharingOptions options) => !options.Enabled ? null : options.Credential switch
    {
        GraphCredential.ClientSecret => new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret),
        GraphCredential.Certificate => new ClientCertificateCredential(options.TenantId, options.ClientId, options.CertificatePath),
        GraphCredential.ManagedIdentity => string.IsNullOrWhiteSpace(options.ClientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId)),
        _ => null,
    };
}
