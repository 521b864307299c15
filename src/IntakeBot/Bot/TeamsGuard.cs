using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace IntakeBot.Bot;

/// <summary>The first check of every turn, before any state is read: the activity comes from Teams
/// and, when tenants are listed, from one of them, and says what kind of conversation it is in.</summary>
public sealed class TeamsGuard(IOptions<TeamsOptions> options)
{
    private readonly HashSet<string> _tenants = new(options.Value.AllowedTenantIds.Select(t => t.Trim()), StringComparer.OrdinalIgnoreCase);

    public ActivityRefusal Check(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!string.Equals(activity.ChannelId, Channels.Msteams, StringComparison.Ordinal))
        {
            return ActivityRefusal.OtherChannel;
        }

        if (_tenants.Count > 0 && !FromAllowedTenant(activity))
        {
            return ActivityRefusal.OtherTenant;
        }

        return string.IsNullOrEmpty(activity.Conversation?.ConversationType) ? ActivityRefusal.NoConversationType : ActivityRefusal.None;
    }

    /// <summary>A 1:1 chat says so; a missing conversation type is not taken for one.</summary>
    public static bool IsPersonalChat(IActivity activity)
        => string.Equals(activity.Conversation?.ConversationType, "personal", StringComparison.Ordinal);

    /// <summary>Teams names the tenant in channel data and in the conversation; every tenant named
    /// must be allowed, and at least one must be named.</summary>
    private bool FromAllowedTenant(IActivity activity)
    {
        string?[] named = [TenantInChannelData(activity), activity.Conversation?.TenantId];
        var given = named.Where(t => !string.IsNullOrEmpty(t)).ToList();
        return given.Count > 0 && given.All(t => _tenants.Contains(t!));
    }

    private static string? TenantInChannelData(IActivity activity)
    {
        try
        {
            return activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // Channel data that is not Teams-shaped names no tenant.
            return null;
        }
    }
}
