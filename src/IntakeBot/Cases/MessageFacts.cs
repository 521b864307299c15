namespace IntakeBot.Cases;

/// <summary>What is known about a Teams message kept as evidence (kind <c>teams-message</c>): its
/// sender as Teams named them, when it was sent, what kind of conversation it came from (never its
/// members), the link to it, a short excerpt for the owner's card, the names of its attachments and
/// images, and who kept it when.</summary>
/// <param name="SenderObjectId">The sender's Entra object id; only for an <c>aadUser</c> sender.</param>
/// <param name="SenderIdentityType">As Teams gave it (<c>aadUser</c>, <c>anonymousGuest</c>, …), or
/// <c>application</c> for a bot.</param>
public sealed record MessageFacts(
    string MessageId,
    string? SenderObjectId,
    string SenderIdentityType,
    string? SenderName,
    DateTimeOffset? SentAt,
    string? Link,
    string ConversationKind,
    string Excerpt,
    List<string> Attachments,
    string CapturedBy,
    DateTimeOffset CapturedAt)
{
    public const string EvidenceKind = "teams-message";

    /// <summary>The conversation kinds kept (<see cref="ConversationKind"/>); any other is "unknown".</summary>
    public const string KindChat = "chat";
    public const string KindGroupChat = "group chat";
    public const string KindChannel = "channel";
    public const string KindUnknown = "unknown";

    /// <summary>Longest excerpt kept beside the evidence item (the whole text is in its blob).</summary>
    public const int MaxExcerptChars = 1000;

    public bool FromBot => SenderIdentityType == "application";
}
