using System.Text.Json;
using System.Text.Json.Serialization;
using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Writes an enum of an owner's list (<see cref="OwnerLists"/>) as its stored name, and a value
/// another version wrote as <c>unknown</c> instead of throwing as a case does
/// (<see cref="StoredEnumJsonConverter{TEnum}"/>). A list is only a copy of facts kept in the cases: one
/// case from a newer version must not stop every write of its owner's other cases, and an entry read as
/// unknown is read again from its case whenever the list is shown (<see cref="OwnedCase.FromAnotherVersion"/>).</summary>
internal sealed class OwnerListEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String
            ? StoredNames.ParseOrUnknown<TEnum>(reader.GetString())
            : throw new JsonException($"{typeof(TEnum).Name} is stored as a string.");

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToStoredNameOrUnknown());
    }
}
