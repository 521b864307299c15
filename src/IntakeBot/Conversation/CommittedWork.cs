using IntakeBot.Cases;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Conversation;

/// <summary>What turns committed to a conversation's state for the cases and what has not been written
/// to them yet: a submitted case, changes to submitted cases, and a discarded draft whose blobs are still
/// to be deleted (see <see cref="ConversationStateAccessors"/>).</summary>
public sealed record CommittedWork(PendingCase? Case, IReadOnlyList<PendingChange> Changes, DiscardedDraft? Discard = null)
{
    public const string CaseProperty = "pendingCase";

    public const string ChangesProperty = "pendingChanges";

    public const string DiscardProperty = "pendingDiscard";

    /// <summary>The state blob's index tag while it holds committed work: when the oldest part of it
    /// was decided (sortable UTC, as <see cref="RetentionTags.Format"/>), taken from the work itself so
    /// that a later write of the same state keeps it; or, if earlier, when a reference of a case submitted
    /// a moment ago is to be forgotten (<see cref="ConversationProfile.ForgetAt"/>), so that the same
    /// pass drops it from a conversation nobody writes in again.</summary>
    public const string SinceTag = "pendingSince";

    public bool IsEmpty => Case is null && Changes.Count == 0 && Discard is null;

    /// <summary>The work in a state as stored (<see cref="Storage.BlobStateStorage"/>).</summary>
    public static CommittedWork Of(JObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pendingCase = state[CaseProperty] is JObject stored ? stored.ToObject<PendingCase>() : null;
        var changes = state[ChangesProperty] is JArray { Count: > 0 } list ? list.ToObject<List<PendingChange>>() ?? [] : [];
        var discard = state[DiscardProperty] is JObject discarded ? discarded.ToObject<DiscardedDraft>() : null;
        return new CommittedWork(pendingCase, changes, discard);
    }

    /// <summary>When the oldest part was decided; null when there is none.</summary>
    public DateTimeOffset? Since
        => Changes.Select(c => (DateTimeOffset?)c.At)
            .Append(Case is { } c ? c.Record.SubmittedAt ?? c.Record.UpdatedAt : null)
            .Append(Discard?.At)
            .Min();

    /// <summary>The index tags of a state (for <see cref="Storage.BlobStateStorage"/>'s tag function):
    /// <paramref name="alongside"/> (another capability's), with <see cref="SinceTag"/> while it holds
    /// committed work or recent submissions.</summary>
    public static IDictionary<string, string>? TagsOf(JObject state, IDictionary<string, string>? alongside)
    {
        if (new[] { Of(state).Since, ConversationProfile.ForgetAt(state) }.Min() is not { } since)
        {
            return alongside;
        }

        var tags = alongside is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(alongside, StringComparer.Ordinal);
        tags[SinceTag] = RetentionTags.Format(since);
        return tags;
    }
}
