using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntakeBot.Storage;

/// <summary>Writes an enum as its stored name (<see cref="StoredNames"/>) with System.Text.Json, for the
/// case blobs. A name this version does not know, written by a newer one, reads as <c>Unknown</c>
/// instead of failing: one such case must not break the list of everyone's cases, and audit and
/// transcript lines are never written back. Writing <c>Unknown</c> throws, so a case read that way is
/// never overwritten with a value that loses what the newer version stored; a copy of facts kept in
/// the cases (an owner's list) may write it back as <c>unknown</c> instead (<c>unknownWritable</c>), so
/// that one newer case does not stop every write of the copy.</summary>
public sealed class StoredEnumJsonConverter<TEnum>(bool unknownWritable) : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public StoredEnumJsonConverter()
        : this(unknownWritable: false)
    {
    }

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String
            ? StoredNames.ParseOrUnknown<TEnum>(reader.GetString())
            : throw new JsonException($"{typeof(TEnum).Name} is stored as a string.");

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(unknownWritable ? value.ToStoredNameOrUnknown() : value.ToStoredName());
    }
}
