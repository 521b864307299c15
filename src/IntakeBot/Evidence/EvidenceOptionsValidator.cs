using Microsoft.Extensions.Options;

namespace IntakeBot.Evidence;

/// <summary>Refuses to start with an Evidence:TenantSharePointHost that is not a bare host name the
/// allow-list lets files come from: images on it would be refused anyway, so the setting would say
/// something that is not so.</summary>
public sealed class EvidenceOptionsValidator : IValidateOptions<EvidenceOptions>
{
    public ValidateOptionsResult Validate(string? name, EvidenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.TenantSharePointHost))
        {
            return ValidateOptionsResult.Success;
        }

        var host = options.TenantSharePointHost;
        return Uri.CheckHostName(host) == UriHostNameType.Dns && host.Contains('.', StringComparison.Ordinal) && options.AllowsHost(host)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{EvidenceOptions.Section}:{nameof(EvidenceOptions.TenantSharePointHost)} must be a host name such as contoso.sharepoint.com, without https:// or a path, that {EvidenceOptions.Section}:{nameof(EvidenceOptions.AllowedHosts)} allows.");
    }
}
