using IntakeBot.Storage;

namespace IntakeBot.Responders;

/// <summary>Where to reach each responder proactively, stored when they first talk to the bot, by
/// roster entry.</summary>
public sealed class ResponderDirectory(BlobContainers containers) : ConversationDirectory(containers, "responders")
{
    protected override string Normalize(string key) => ResponderRoster.Normalize(key);
}
