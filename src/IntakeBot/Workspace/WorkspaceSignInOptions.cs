namespace IntakeBot.Workspace;

/// <summary>The Entra ID app registration whose tokens the workspace API accepts (section <c>AzureAd</c>,
/// read by Microsoft.Identity.Web as well). Without any of these keys the workspace is off.</summary>
public sealed class WorkspaceSignInOptions
{
    public const string Section = "AzureAd";

    /// <summary>The authority's host, <c>https://login.microsoftonline.com/</c> in Azure; tests point it
    /// at a local HTTPS issuer.</summary>
    public string Instance { get; set; } = string.Empty;

    /// <summary>The tenant (GUID) whose authority signs the tokens.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The app registration's client id (GUID), the one the manifest's <c>webApplicationInfo.id</c> names.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The Application ID URI, <c>api://&lt;host&gt;/&lt;client id&gt;</c>, the manifest's
    /// <c>webApplicationInfo.resource</c>.</summary>
    public string Audience { get; set; } = string.Empty;
}
