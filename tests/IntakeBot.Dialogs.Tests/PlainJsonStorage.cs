using System.Collections.Concurrent;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Dialogs.Tests;

/// <summary>Keeps state as JSON text with no type names and hands back plain JObjects, as the bot's
/// blob storage does. Bot Builder's MemoryStorage restores CLR types by type name, which would hide
/// any state the engine fails to carry through a real store.</summary>
internal sealed class PlainJsonStorage : IStorage
{
    private readonly ConcurrentDictionary<string, string> _items = new();

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
        => Task.FromResult<IDictionary<string, object>>(keys
            .Where(_items.ContainsKey)
            .ToDictionary(k => k, k => (object)JObject.Parse(_items[k])));

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        foreach (var (key, value) in changes)
        {
            _items[key] = JsonConvert.SerializeObject(value, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None });
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        foreach (var key in keys)
        {
            _items.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }
}
