using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Conversation.Cards;

/// <summary>What a card button sent back: Teams delivers an <c>Action.Submit</c> as a message
/// activity with no text and the button's <c>data</c> (plus any card inputs) as <c>value</c>.
/// <see cref="Choice"/> is the id of the <see cref="Conversation.Choice"/> the button stands for;
/// <see cref="Address"/> is what was entered or picked in the input the button names.</summary>
public sealed record CardSubmission(string Choice, string? Part, string? Reference, string? Address)
{
    public const string ChoiceField = "intakeChoice";
    public const string PartField = "intakePart";
    public const string ReferenceField = "intakeRef";
    public const string InputField = "intakeInput";
    public const string ShareAddressInput = "intakeShareAddress";
    public const string RevokeAddressInput = "intakeRevokeAddress";

    /// <summary>Longer than any id, reference or address the cards carry: anything longer was not
    /// sent by one of them and is ignored.</summary>
    private const int MaxFieldLength = 320;

    /// <summary>The submission in an incoming activity's <c>value</c>, or null when it is not one of
    /// this bot's cards (absent, another shape, or fields of the wrong type); never throws.</summary>
    public static CardSubmission? Read(object? value)
    {
        var fields = value switch
        {
            JObject o => o,
            JsonElement { ValueKind: JsonValueKind.Object } e => Parse(e.GetRawText()),
            string s => Parse(s),
            _ => null,
        };

        // A button that goes with an input names it, since ids must be unique on a card and Teams
        // sends the inputs of the card around the button along with its data.
        var choice = Field(fields, ChoiceField);
        var input = Field(fields, InputField);
        return choice is null
            ? null
            : new CardSubmission(choice, Field(fields, PartField), Field(fields, ReferenceField), input is null ? null : Field(fields, input));
    }

    private static JObject? Parse(string json)
    {
        try
        {
            return JToken.Parse(json) as JObject;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Field(JObject? fields, string name)
        => fields?[name] is JValue { Type: JTokenType.String, Value: string text } && !string.IsNullOrWhiteSpace(text) && text.Length <= MaxFieldLength
            ? text.Trim()
            : null;
}
