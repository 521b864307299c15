using System.Net;

namespace IntakeBot.Sharing;

public enum GraphCredential
{
    ClientSecret,
    Certificate,
    ManagedIdentity,

    /// <summary>No Authorization header: only for a Graph stand-in on this machine.</summary>
    None,
}

/// <summary>Where case files are shared from and how the bot signs in to Microsoft Graph (app-only).
/// Sharing is off until a drive is configured.</summary>
public sealed class SharingOptions
{
    public const string Section = "Sharing";

    public GraphCredential Credential { get; set; } = GraphCredential.ClientSecret;

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? CertificatePath { get; set; }

    public Uri GraphBaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0");

    public string? DriveId { get; set; }

    public string FolderPath { get; set; } = "IntakeBot";

    public string? SensitivityLabelId { get; set; }

    public bool AllowGuests { get; set; }

    /// <summary>How often a throttled (429) or failing (5xx) Graph request is tried again; Retry-After
    /// is honoured, otherwise the delay doubles from <see cref="RetryDelaySeconds"/>.</summary>
    public int MaxRetries { get; set; } = 3;

    public int RetryDelaySeconds { get; set; } = 3;

    public bool Enabled => !string.IsNullOrWhiteSpace(DriveId);

    public IEnumerable<string> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!GraphBaseUrl.IsAbsoluteUri)
        {
            yield return "Sharing:GraphBaseUrl must be an absolute URL.";
            yield break;
        }

        var loopback = IPAddress.TryParse(GraphBaseUrl.Host, out var address) ? IPAddress.IsLoopback(address) : GraphBaseUrl.IsLoopback;
        switch (Credential)
        {
            case GraphCredential.None when !loopback:
                yield return "Sharing:Credential None is accepted only when Sharing:GraphBaseUrl is a loopback address.";
                break;
            case GraphCredential.ClientSecret when string.IsNullOrWhiteSpace(TenantId) || string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret):
                yield return "Sharing:Credential ClientSecret needs Sharing:TenantId, Sharing:ClientId and Sharing:ClientSecret.";
                break;
            case GraphCredential.Certificate when string.IsNullOrWhiteSpace(TenantId) || string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(CertificatePath):
                yield return "Sharing:Credential Certificate needs Sharing:TenantId, Sharing:ClientId and Sharing:CertificatePath.";
                break;
        }

        if (GraphBaseUrl.Scheme != Uri.UriSchemeHttps && !loopback)
        {
            yield return "Sharing:GraphBaseUrl must use https.";
        }

        if (MaxRetries is < 0 or > 10 || RetryDelaySeconds is < 0 or > 180)
        {
            yield return "Sharing:MaxRetries must be 0 to 10 and Sharing:RetryDelaySeconds 0 to 180.";
        }

        if (string.IsNullOrWhiteSpace(FolderPath) || FolderPath.Contains("..", StringComparison.Ordinal))
        {
            yield return "Sharing:FolderPath must name a folder (no '..').";
        }
    }
}
