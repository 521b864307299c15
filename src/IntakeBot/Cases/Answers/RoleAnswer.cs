using IntakeBot.Storage;
using IntakeBot.Text;

namespace IntakeBot.Cases.Answers;

/// <summary>"Did this happen to you, or did you see it?", stored as <c>happened-to-me</c> or <c>saw-it</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<RoleAnswer>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<RoleAnswer>))]
public enum RoleAnswer
{
    /// <summary>An answer written by a newer version.</summary>
    Unknown,

    [ChoiceTitle(TextKey.ChoiceHappenedToMe)]
    [LegacyText("It happened to me")]
    HappenedToMe,

    [ChoiceTitle(TextKey.ChoiceSawIt)]
    [LegacyText("I saw it happen to someone else")]
    SawIt,
}
