using IntakeBot.Storage;
using IntakeBot.Text;

namespace IntakeBot.Cases.Answers;

/// <summary>Where it happened, when one of the suggestions was chosen: <c>in-person</c>, <c>online</c>
/// or <c>both</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<SettingAnswer>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<SettingAnswer>))]
public enum SettingAnswer
{
    /// <summary>An answer written by a newer version.</summary>
    Unknown,

    [ChoiceTitle(TextKey.ChoiceInPerson)]
    [LegacyText("In person")]
    InPerson,

    [ChoiceTitle(TextKey.ChoiceOnline)]
    [LegacyText("Online")]
    Online,

    [ChoiceTitle(TextKey.ChoiceBoth)]
    [LegacyText("Both")]
    Both,
}
