using IntakeBot.Bot;
using IntakeBot.Responders;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace IntakeBot.Workspace;

public static class WorkspaceServiceCollectionExtensions
{
    /// <summary>The workspace policy: a signed-in owner from an allowed tenant, with the tab's scope.</summary>
    public const string Policy = "Workspace";

    /// <summary>The scope the app registration exposes and Teams asks for on the tab's behalf.</summary>
    public const string Scope = "access_as_user";

    /// <summary>True when any <c>AzureAd</c> key is set: then all of them must be, and the workspace is on.</summary>
    public static bool IsConfigured(IConfiguration configuration) => WorkspaceLink.IsConfigured(configuration);

    /// <summary>Registers the workspace's sign-in (Microsoft.Identity.Web validating Entra ID tokens:
    /// issuer, audience, lifetime, signature from the authority's keys) and its services, when
    /// <c>AzureAd</c> is configured; nothing otherwise, and no route answers.</summary>
    public static IServiceCollection AddWorkspace(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkspaceOptions>().BindConfiguration(WorkspaceOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkspaceOptions>, WorkspaceOptionsValidator>();
        if (!IsConfigured(configuration))
        {
            return services;
        }

        services.AddSingleton<WorkspaceCases>();
        services.AddSingleton<WorkspaceActions>();
        services.AddSingleton<WorkspaceInsights>();
        services.AddSingleton<WorkspaceTexts>();
        services.AddOptions<WorkspaceSignInOptions>().BindConfiguration(WorkspaceSignInOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkspaceSignInOptions>, WorkspaceSignInOptionsValidator>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApi(configuration.GetSection(WorkspaceSignInOptions.Section));

        // Microsoft.Identity.Web's own issuer check accepts any tenant whose token names its own issuer:
        // here only the allowed tenants' issuers (v2.0 tokens, which the app registration asks for) are
        // valid, and the token's tenant claim must be one of them too.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure<IOptions<TeamsOptions>, IOptions<WorkspaceSignInOptions>>((jwt, teams, signIn) =>
        {
            var allowed = teams.Value.AllowedTenantIds.Count > 0 ? teams.Value.AllowedTenantIds : [signIn.Value.TenantId];
            var instance = signIn.Value.Instance.TrimEnd('/');
            jwt.TokenValidationParameters.IssuerValidator = null;
            jwt.TokenValidationParameters.ValidateIssuer = true;
            jwt.TokenValidationParameters.ValidIssuers = [.. allowed.Select(tenant => $"{instance}/{tenant.Trim()}/v2.0")];
            jwt.Events ??= new JwtBearerEvents();
            var validated = jwt.Events.OnTokenValidated;
            jwt.Events.OnTokenValidated = async context =>
            {
                await validated(context).ConfigureAwait(false);
                if (context.Result is null && !allowed.Contains(context.Principal?.GetTenantId(), StringComparer.OrdinalIgnoreCase))
                {
                    context.Fail("The token's tenant is not allowed.");
                }
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireScope(Scope));
        return services;
    }

    /// <summary>Turns the workspace's routes on when it is configured, and says at start-up when it is off.</summary>
    public static void UseWorkspace(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsConfigured(app.Configuration))
        {
            app.Logger.LogInformation("The case owners' workspace tab is off: AzureAd (Instance, TenantId, ClientId, Audience) is not configured, so /api/workspace does not answer.");
            return;
        }

        app.UseWorkspacePage();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWorkspace();
    }
}
