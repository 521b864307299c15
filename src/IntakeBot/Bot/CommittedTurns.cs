using IntakeBot.Responders;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Bot;

/// <summary>Reads a conversation's committed state to tell whether a turn committed: a turn's commit
/// lists its activity id among the conversation's recent ones (see <see cref="Conversation.ConversationProfile"/>).</summary>
public sealed class CommittedTurns(IStorage storage) : ITurnCommits
{
    public async Task<bool> IsCommittedAsync(string conversationKey, string activityId, CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([conversationKey], cancellationToken).ConfigureAwait(false);
        return items.TryGetValue(conversationKey, out var state)
            && JObject.FromObject(state)["profile"]?["RecentActivityIds"] is JArray ids
            && ids.Any(id => id.Type == JTokenType.String && id.Value<string>() == activityId);
    }
}
