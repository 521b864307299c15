using IntakeBot.Storage;
using IntakeBot.Text;

namespace IntakeBot.Cases.Answers;

/// <summary>How the person wants to be contacted, when one of the suggestions was chosen: <c>teams</c>,
/// <c>email</c> (the address is kept beside it) or <c>no-contact</c>, which owners' messages and the
/// case file honour.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<ContactAnswer>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<ContactAnswer>))]
public enum ContactAnswer
{
    /// <summary>An answer written by a newer version.</summary>
    Unknown,

    [ChoiceTitle(TextKey.ChoiceContactTeams)]
    [LegacyText("A Teams chat")]
    Teams,

    [ChoiceTitle(TextKey.ChoiceContactEmail)]
    [LegacyText("Email")]
    Email,

    [ChoiceTitle(TextKey.ChoiceNoContact)]
    [LegacyText("Please don't contact me")]
    NoContact,
}
