using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>What an <c>audit.jsonl</c> line records, stored in lower kebab case (<c>case-file-upload</c>).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<AuditAction>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<AuditAction>))]
public enum AuditAction
{
    /// <summary>An action written by a newer version.</summary>
    Unknown,

    /// <summary>The owner gave someone access to the case file.</summary>
    Share,

    /// <summary>The owner took someone's access away.</summary>
    Revoke,

    /// <summary>The owner listed who has access.</summary>
    Access,

    /// <summary>The case file was put in (or refreshed in) its shared folder.</summary>
    CaseFileUpload,

    /// <summary>A colleague named in the report lost access when the case file was refreshed.</summary>
    RefreshWithheld,

    /// <summary>The owner looked at the case.</summary>
    View,

    /// <summary>A legal hold was put on the case.</summary>
    Hold,

    /// <summary>The legal hold was released.</summary>
    Release,

    /// <summary>The owner moved the case's status on.</summary>
    Status,

    /// <summary>The owner added an internal note.</summary>
    Note,

    /// <summary>The owner wrote the case's one-line summary (what it says is kept in the case, not here).</summary>
    Summary,

    /// <summary>A message of the follow-up thread (the detail says from whom).</summary>
    Message,

    /// <summary>The case changed hands.</summary>
    Transfer,

    /// <summary>The reporter of a confidential case showed who they are to its owners.</summary>
    Reveal,

    /// <summary>An owner asked to see who reported a confidential case (the reason is kept in the case, not here).</summary>
    IdentityRequest,

    /// <summary>A custodian approved or refused a request to see the reporter's identity (the detail says which).</summary>
    IdentityDecision,

    /// <summary>The reporter's message about an approved identity request was delivered (the notice period
    /// runs from here) or given up (the identity is not shown on that request); the detail says which.</summary>
    IdentityNotice,
}
