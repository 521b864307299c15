using IntakeBot.Storage;
using IntakeBot.Text;

namespace IntakeBot.Cases.Answers;

/// <summary>A yes, no or not sure ("Is it still going on?", "Are you safe right now?"), stored as
/// <c>yes</c>, <c>no</c> or <c>not-sure</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<YesNoAnswer>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<YesNoAnswer>))]
public enum YesNoAnswer
{
    /// <summary>An answer written by a newer version.</summary>
    Unknown,

    [ChoiceTitle(TextKey.ChoiceYes)]
    [LegacyText("Yes")]
    Yes,

    [ChoiceTitle(TextKey.ChoiceNo)]
    [LegacyText("No")]
    No,

    [ChoiceTitle(TextKey.ChoiceNotSure)]
    [LegacyText("Not sure")]
    NotSure,
}
