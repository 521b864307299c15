namespace IntakeBot.Conversation;

/// <summary>What the bot learned about the person in this conversation: whether they are on the
/// responder roster (checked again when the roster changes).</summary>
public sealed record ConversationProfile
{
    public string? RosterEntry { get; set; }

    public string? RosterVersion { get; set; }

    /// <summary>Ids of the latest activities handled, kept with the state they changed: a channel that
    /// delivers one again (it retries) finds it here and nothing happens twice.</summary>
    public List<string> RecentActivityIds { get; set; } = [];
}
