using IntakeBot.Cases;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Retention;

/// <summary>The index tags of a conversation's state blob: while the state holds a draft (or messages
/// kept with "Report this message" and not yet decided about, which expire the same way),
/// <c>draftExpiresOn</c> (the time of this write plus <c>DraftRetention</c>) and, when the draft has a
/// reference, <c>draftReference</c>; none otherwise. Given to the state storage as its tag function, so
/// that every save moves the expiry on and a save without a draft clears it.</summary>
public sealed class DraftStateTags(RetentionPeriods periods, TimeProvider time, Func<JObject, DraftInState?> findDraft)
{
    /// <summary>With the draft found where the intake keeps it today.</summary>
    public DraftStateTags(RetentionPeriods periods, TimeProvider time)
        : this(periods, time, FindIntakeDraft)
    {
    }

    /// <summary>The conversation property holding kept messages (<c>Capture/CaptureState</c>).</summary>
    public const string KeptMessagesProperty = "capturedMessages";

    /// <summary>Where an earlier version held its one kept message.</summary>
    public const string KeptMessageProperty = "capturedMessage";

    public IDictionary<string, string>? TagsOf(JObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (findDraft(state) is not { } draft)
        {
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RetentionTags.DraftExpiresOn] = RetentionTags.Format(time.GetUtcNow() + periods.Draft),
        };
        if (draft.Reference is { } reference)
        {
            tags[RetentionTags.DraftReference] = reference;
        }

        return tags;
    }

    /// <summary>The <c>intakeDraft</c> conversation property: a draft once it has a reference, an answer
    /// or a line of transcript (an empty one is created on every turn and holds nothing). Kept messages
    /// waiting for a decision count as a draft without a reference: they name their sender and say what
    /// was written, so they are never kept longer than one.</summary>
    public static DraftInState? FindIntakeDraft(JObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var kept = state[KeptMessagesProperty] is JArray { Count: > 0 } || state[KeptMessageProperty] is JObject;
        if (state["intakeDraft"] is not JObject draft)
        {
            return kept ? new DraftInState(null) : null;
        }

        var reference = draft["CaseReference"]?.Type == JTokenType.String ? draft.Value<string>("CaseReference") : null;
        var answered = draft["Answers"] is JObject answers && answers.Properties().Any(p => p.Value.Type is not (JTokenType.Null or JTokenType.Undefined)
            && !(p.Value is JArray { Count: 0 }) && !(p.Value.Type == JTokenType.String && string.IsNullOrEmpty(p.Value.Value<string>())));
        var transcript = draft["PendingTranscript"] is JArray { Count: > 0 };
        return reference is not null || answered || transcript || kept ? new DraftInState(reference) : null;
    }
}
