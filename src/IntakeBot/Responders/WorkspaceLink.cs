namespace IntakeBot.Responders;

/// <summary>Teams deep links from the chat to the case owners' workspace tab (<c>staticTabs</c> entity
/// <see cref="EntityId"/>): on only when the workspace is configured (any <c>AzureAd</c> key) and Teams'
/// id of the app is known (<see cref="TeamsAppIdKey"/>), since a link without it opens nothing. A link
/// carries the case reference and nothing else, as the tab's sub-page id.</summary>
public sealed class WorkspaceLink(IConfiguration configuration)
{
    /// <summary>The id Teams knows the app by: the manifest's id for an uploaded app, the id the
    /// organisation's catalogue gave it once published there.</summary>
    public const string TeamsAppIdKey = "Workspace:TeamsAppId";

    /// <summary>The workspace tab's <c>entityId</c> in the manifest.</summary>
    public const string EntityId = "workspace";

    private readonly string? appId = IsConfigured(configuration) && Guid.TryParse(configuration[TeamsAppIdKey]?.Trim(), out var id) ? id.ToString() : null;

    /// <summary>True when the chat offers the tab: buttons on notifications and case cards, and <c>cases</c>
    /// showing the most urgent few and pointing to the tab for the rest.</summary>
    public bool IsOn => appId is not null;

    /// <summary>True when any <c>AzureAd</c> key is set: then all of them must be, and the workspace is on.</summary>
    public static bool IsConfigured(IConfiguration configuration)
        => configuration.GetSection("AzureAd").AsEnumerable(makePathsRelative: true).Any(e => !string.IsNullOrWhiteSpace(e.Value));

    /// <summary>The tab, opened at <paramref name="reference"/> when one is given; null when the link is off.</summary>
    public Uri? To(string? reference = null)
    {
        if (appId is null)
        {
            return null;
        }

        var tab = $"https://teams.microsoft.com/l/entity/{appId}/{EntityId}";
        return new Uri(reference is null ? tab : $"{tab}?context={Uri.EscapeDataString($$"""{"subEntityId":"{{reference}}"}""")}");
    }
}
