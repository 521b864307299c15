using IntakeBot.Storage;
using IntakeBot.Text;

namespace IntakeBot.Cases.Answers;

/// <summary>The "when" question's one suggestion, stored as <c>dont-know</c>; any date or time the
/// person gives is kept as typed beside it.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<WhenAnswer>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<WhenAnswer>))]
public enum WhenAnswer
{
    /// <summary>An answer written by a newer version.</summary>
    Unknown,

    [ChoiceTitle(TextKey.ChoiceDontKnow)]
    [LegacyText("I don't know")]
    DontKnow,
}
