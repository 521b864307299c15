namespace IntakeBot.Telemetry;

/// <summary>Reduces a URL to what an operator needs and nothing a person could be recognised by: the
/// scheme and host, then for blob storage the container and the kind of blob (never its name, which
/// holds evidence file names), for Microsoft Graph the kind of resource (never a UPN or a drive path),
/// and for anything else (file downloads, whose SharePoint paths name the uploader) no path at all.
/// Everything after the host is chosen from a fixed list, so an unexpected URL reduces to its host.</summary>
public sealed class TelemetryUrls(TelemetryEndpoints endpoints)
{
    private static readonly HashSet<string> GraphResources = new(StringComparer.OrdinalIgnoreCase)
    {
        "users", "groups", "drives", "sites", "me", "directoryObjects", "security", "informationProtection",
    };

    private static readonly HashSet<string> GraphActions = new(StringComparer.OrdinalIgnoreCase)
    {
        "invite", "permissions", "content", "createUploadSession", "children", "assignSensitivityLabel", "memberOf", "transitiveMemberOf",
    };

    public string Reduce(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "(not a url)";
        }

        var root = uri.GetLeftPart(UriPartial.Authority);
        if (Storage(uri) is { } blob)
        {
            return $"{root}/{blob.Container}/{blob.Kind}";
        }

        return string.Equals(uri.Authority, endpoints.GraphBaseUrl.Authority, StringComparison.OrdinalIgnoreCase)
            ? $"{root}/{Graph(uri)}"
            : $"{root}/";
    }

    /// <summary>The configured container a blob URL points into and the kind of blob, or null when the
    /// URL names neither container (an account-wide call such as Find Blobs by Tags gives "service").</summary>
    public (string Container, string Kind)? Storage(Uri uri) => StorageShape(uri, endpoints.CasesContainer, endpoints.StateContainer);

    public static (string Container, string Kind)? StorageShape(Uri uri, string casesContainer, string stateContainer)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(segments, s => s == casesContainer || s == stateContainer);
        if (at < 0)
        {
            return uri.Query.Contains("comp=blobs", StringComparison.OrdinalIgnoreCase) ? ("service", "tags") : null;
        }

        var container = segments[at];
        var rest = segments.AsSpan(at + 1);
        var kind = rest.Length switch
        {
            0 => "container",
            _ when rest[0] == "healthz" => "probe",
            _ when container == stateContainer => "state",
            _ when rest.Length > 1 && rest[1] == "evidence" => "evidence",
            _ => Uri.UnescapeDataString(rest[^1]) switch
            {
                "case.json" => "case",
                "transcript.jsonl" => "transcript",
                "audit.jsonl" => "audit",
                _ => "blob",
            },
        };
        return (container, kind);
    }

    /// <summary>"v1.0/users", "v1.0/drives/invite": the API version, the top resource and the action, each
    /// only when it is one of the known words.</summary>
    public static string Graph(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var version = Array.FindIndex(segments, s => s is "v1.0" or "beta");
        if (version < 0 || version + 1 >= segments.Length)
        {
            return "other";
        }

        var resource = GraphResources.TryGetValue(segments[version + 1], out var known) ? known : "other";

        // The last known action word after the resource: ".../invite", ".../permissions/{id}", ".../file.pdf:/content".
        string? action = null;
        foreach (var segment in segments.Skip(version + 2))
        {
            if (GraphActions.TryGetValue(segment[(segment.LastIndexOf(':') + 1)..], out var verb))
            {
                action = verb;
            }
        }

        return action is null ? $"{segments[version]}/{resource}" : $"{segments[version]}/{resource}/{action}";
    }
}
