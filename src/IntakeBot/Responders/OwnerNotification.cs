using IntakeBot.Conversation;

namespace IntakeBot.Responders;

/// <summary>A message to a case owner: which message, about which case. Never any content.</summary>
public sealed record OwnerNotification(string Owner, TextKey Message, string CaseReference);
