using Newtonsoft.Json;

namespace IntakeBot.Storage;

/// <summary>The Newtonsoft twin of <see cref="StoredEnumJsonConverter{TEnum}"/>, for enums kept in the
/// conversation's state (which Bot Builder and <see cref="BlobStateStorage"/> serialise with Newtonsoft):
/// the same stored names, the same <c>Unknown</c> for a name this version does not know.</summary>
public sealed class StoredEnumNewtonsoftConverter<TEnum> : JsonConverter
    where TEnum : struct, Enum
{
    public override bool CanConvert(Type objectType) => objectType == typeof(TEnum) || Nullable.GetUnderlyingType(objectType) == typeof(TEnum);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.TokenType switch
        {
            JsonToken.Null when objectType != typeof(TEnum) => null,
            JsonToken.String => StoredNames.ParseOrUnknown<TEnum>((string?)reader.Value),
            _ => throw new JsonSerializationException($"{typeof(TEnum).Name} is stored as a string."),
        };
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is TEnum known)
        {
            writer.WriteValue(known.ToStoredName());
        }
        else
        {
            writer.WriteNull();
        }
    }
}
