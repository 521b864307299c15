namespace IntakeBot.Conversation;

/// <summary>A case this person submitted in this conversation a moment ago, by reference only: Azure's
/// tag index may not find it yet (<see cref="ConversationProfile.RecentSubmissions"/>).</summary>
public sealed record RecentSubmission(string Reference, DateTimeOffset At);
