using System.ComponentModel.DataAnnotations;

namespace IntakeBot.Evidence;

public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>Largest file kept, checked against Content-Length and while streaming.</summary>
    [Range(1, 1L << 40, ErrorMessage = "Evidence:MaxBytes must be a positive number of bytes.")]
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Hosts files may be downloaded from (https only). "*.example.com" matches any subdomain.
    /// The host of the activity's serviceUrl is allowed for inline images as well.</summary>
    public List<string> AllowedHosts { get; set; } = ["*.sharepoint.com", "*.sharepoint.us", "*.sharepoint-df.com"];

    /// <summary>The organisation's own SharePoint host (for example <c>contoso.sharepoint.com</c>): with
    /// the connector's host, the only place an image in a kept Teams message is fetched from. The
    /// message's HTML is written by its sender, who could point an image at a host of their own and
    /// learn when the message was reported; images anywhere else are listed by name only. Unset, only
    /// the connector's host is fetched from. Checked at start-up by <see cref="EvidenceOptionsValidator"/>.</summary>
    public string? TenantSharePointHost { get; set; }

    /// <summary>Allows plain http to 127.0.0.1, for local development and tests only.</summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>The whole download, from the request to the last byte of the body (which is stored as
    /// it arrives): a host that sends slowly is cut off at this limit and nothing of it is kept.</summary>
    [Range(1, 600, ErrorMessage = "Evidence:TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Whether <see cref="AllowedHosts"/> lets files be downloaded from the host.</summary>
    public bool AllowsHost(string host)
        => AllowedHosts.Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase));
}
