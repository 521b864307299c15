namespace IntakeBot.Responders;

/// <summary>What one attempt at a notification came to.</summary>
public enum Delivery
{
    /// <summary>Teams took the message.</summary>
    Delivered,

    /// <summary>It failed this time (or the reporter's conversation is not stored yet): worth trying again.</summary>
    TryAgain,

    /// <summary>The responder has never written to the bot, so it has no conversation to write in: the
    /// message cannot be sent, and trying again would not change that.</summary>
    NoConversation,
}
