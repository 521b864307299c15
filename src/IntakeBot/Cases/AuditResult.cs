using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>How an audited action ended, stored in lower case (<c>granted</c>, <c>refused</c>, ...).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<AuditResult>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<AuditResult>))]
public enum AuditResult
{
    /// <summary>A result written by a newer version.</summary>
    Unknown,

    Done,

    Granted,

    Removed,

    Listed,

    Shown,

    Uploaded,

    Refused,

    Failed,
}
