using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Whether a transcript line came from the person (<c>in</c>) or from the bot (<c>out</c>).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<TranscriptDirection>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<TranscriptDirection>))]
public enum TranscriptDirection
{
    /// <summary>A direction written by a newer version.</summary>
    Unknown,

    In,

    Out,
}
