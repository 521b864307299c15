using IntakeBot.Storage;
using IntakeBot.Text;

namespace IntakeBot.Cases.Answers;

/// <summary>For a report taken by a responder: who is reporting, when they preferred not to say
/// (<c>prefers-not-to-say</c>); a name is kept as the responder typed it.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<ReportedByAnswer>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<ReportedByAnswer>))]
public enum ReportedByAnswer
{
    /// <summary>An answer written by a newer version.</summary>
    Unknown,

    [ChoiceTitle(TextKey.ChoicePrefersNotToSay)]
    [LegacyText("Prefers not to say")]
    PrefersNotToSay,
}
