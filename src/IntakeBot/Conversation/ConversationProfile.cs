namespace IntakeBot.Conversation;

/// <summary>What the bot learned about the person in this conversation: whether they are on the
/// responder roster (checked again when the roster changes).</summary>
public sealed record ConversationProfile
{
    public string? RosterEntry { get; set; }

    public string? RosterVersion { get; set; }
}
