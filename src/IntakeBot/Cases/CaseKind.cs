using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Who made the report: stored as <c>self-report</c> or <c>taken-by-responder</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<CaseKind>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<CaseKind>))]
public enum CaseKind
{
    /// <summary>A kind written by a newer version.</summary>
    Unknown,

    SelfReport,

    TakenByResponder,
}
