using IntakeBot.Storage;

namespace IntakeBot.Retention;

/// <summary>Who or what deleted a case, as written in the tombstone: <c>sweeper</c>, <c>owner</c>,
/// <c>reporter-discard</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<DeletedBy>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<DeletedBy>))]
public enum DeletedBy
{
    /// <summary>A reason written by a newer version; <c>deleted IR-…</c> still answers, without a reason.</summary>
    Unknown,

    /// <summary>The retention sweep, when the retention period ended.</summary>
    Sweeper,

    /// <summary>The case's owner.</summary>
    Owner,

    /// <summary>The reporter discarded the draft.</summary>
    ReporterDiscard,
}
