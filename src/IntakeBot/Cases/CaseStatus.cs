using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Where a case is: a draft, then submitted → acknowledged → in review → closed. Stored as
/// <c>draft</c>, <c>submitted</c>, <c>acknowledged</c>, <c>in-review</c>, <c>closed</c> in case.json,
/// its <c>status</c> index tag and the conversation's state.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<CaseStatus>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<CaseStatus>))]
public enum CaseStatus
{
    /// <summary>A status written by a newer version. Such a case is neither submitted nor open here, so
    /// lists and commands pass it by while every other case still works; writing it back fails rather than
    /// store a status that loses what the newer version meant.</summary>
    Unknown,

    Draft,

    Submitted,

    /// <summary>The owner has told the reporter the report was received.</summary>
    Acknowledged,

    /// <summary>The owner is looking into it.</summary>
    InReview,

    /// <summary>Closed by its owner; the ClosedCaseRetention clock starts at <see cref="CaseRecord.ClosedAt"/>.</summary>
    Closed,
}
