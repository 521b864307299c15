namespace IntakeBot.Conversation;

/// <summary>What <see cref="FollowOnOfferDialog"/> is begun with: the message that said it happened
/// again, and the person's closed cases it could follow on, newest first.</summary>
public sealed record FollowOnOffer(string Said, IReadOnlyList<string> Closed);
