using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Dialogs;

/// <summary>One entry of the dialog stack. Its state is plain JSON so that it survives the round trip
/// through any storage unchanged; dialogs read and write it as typed records.</summary>
public sealed class DialogInstance
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Ignore,
    });

    public string Id { get; set; } = string.Empty;

    public JObject State { get; set; } = [];

    public T Read<T>(string key)
        where T : new()
        => State.TryGetValue(key, out var token) && token.Type != JTokenType.Null
            ? token.ToObject<T>(Serializer) ?? new T()
            : new T();

    public void Write<T>(string key, T value)
        => State[key] = value is null ? JValue.CreateNull() : JToken.FromObject(value, Serializer);
}
