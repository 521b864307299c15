using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>The two follow-up deadlines of a case, stored as <c>acknowledge</c> and <c>feedback</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<DeadlineKind>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<DeadlineKind>))]
public enum DeadlineKind
{
    /// <summary>A deadline written by a newer version: never met, reminded or tagged by this one.</summary>
    Unknown,

    /// <summary>Met by <c>acknowledge</c> (or by any later status).</summary>
    Acknowledge,

    /// <summary>Met by a message from the owner to the reporter.</summary>
    Feedback,
}
