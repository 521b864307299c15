namespace IntakeBot.Conversation;

/// <summary>A hash of a message a person sent, and when (<see cref="ConversationProfile.RecentlySaid"/>).</summary>
public sealed record SaidBefore(string Fingerprint, DateTimeOffset At);
