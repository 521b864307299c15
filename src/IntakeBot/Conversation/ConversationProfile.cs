namespace IntakeBot.Conversation;

/// <summary>What the bot learned about the person in this conversation: whether they are on the
/// responder roster (checked again when the roster changes).</summary>
public sealed record ConversationProfile
{
    /// <summary>The one person this 1:1 conversation belongs to, from its first message on.</summary>
    public string? PersonAadObjectId { get; set; }

    public string? RosterEntry { get; set; }

    public string? RosterVersion { get; set; }

    /// <summary>Ids of the latest activities handled, kept with the state they changed: a channel that
    /// delivers one again (it retries) finds it here and nothing happens twice.</summary>
    public List<string> RecentActivityIds { get; set; } = [];

    /// <summary>A hash of the last message whose replies never reached the person: the same words sent
    /// again are not taken twice (see <see cref="Bot.TurnCommit.ResentAfterUnseenReplies"/>).</summary>
    public string? UnseenRepliesTo { get; set; }
}
