using IntakeBot.Storage;
using IntakeBot.Text;

namespace IntakeBot.Cases.Answers;

/// <summary>For a report taken by a responder: whether the person agreed after being told who will see
/// the notes, stored as <c>agreed</c> or <c>not-agreed</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<ConsentAnswer>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<ConsentAnswer>))]
public enum ConsentAnswer
{
    /// <summary>An answer written by a newer version.</summary>
    Unknown,

    [ChoiceTitle(TextKey.ChoiceAgreed)]
    [LegacyText("They agreed")]
    Agreed,

    [ChoiceTitle(TextKey.ChoiceNotAgreed)]
    [LegacyText("They didn't agree")]
    NotAgreed,
}
