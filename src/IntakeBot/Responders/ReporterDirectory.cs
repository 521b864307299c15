using IntakeBot.Storage;

namespace IntakeBot.Responders;

/// <summary>Where to reach each reporter proactively, stored when a turn of theirs notifies an owner,
/// that is when they submit or add to a report; by AAD object id.</summary>
public sealed class ReporterDirectory(BlobContainers containers) : ConversationDirectory(containers, "reporters")
{
    protected override string Normalize(string key) => key.Trim().ToLowerInvariant();
}
