using Newtonsoft.Json.Linq;

namespace IntakeBot.Storage;

/// <summary>A conversation's state as stored (its ETag in it, as <see cref="BlobStateStorage"/> reads
/// it) and when it was last written.</summary>
public sealed record StoredState(JObject State, DateTimeOffset LastModified);
