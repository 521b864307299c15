using IntakeBot.Conversation;
using IntakeBot.Responders;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Bot;

/// <summary>Reads a conversation's committed state to tell whether a turn committed: a turn's commit
/// lists its activity id among the conversation's recent ones (<see cref="ConversationProfile.RecentActivityIds"/>).</summary>
public sealed class CommittedTurns(IStorage storage) : ITurnCommits
{
    public async Task<bool> IsCommittedAsync(string conversationKey, string activityId, CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([conversationKey], cancellationToken).ConfigureAwait(false);
        return items.TryGetValue(conversationKey, out var state)
            && ConversationProfile.Of(JObject.FromObject(state)) is { } profile
            && profile.RecentActivityIds.Contains(activityId, StringComparer.Ordinal);
    }
}
