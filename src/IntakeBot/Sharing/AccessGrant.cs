namespace IntakeBot.Sharing;

/// <summary>One person who can read a case file: who they are in the directory, the Graph permission
/// that gives them access, and who gave it when.</summary>
public sealed record AccessGrant(
    string UserId,
    string Email,
    string? DisplayName,
    string PermissionId,
    DateTimeOffset GrantedAt,
    string GrantedBy);

/// <summary>Where the case file lives once it was first shared, and which evidence is there.</summary>
public sealed record SharedFolder(string FolderId, string CaseFileId, List<int> UploadedEvidence, DateTimeOffset RefreshedAt);

/// <summary>One line of <c>audit.jsonl</c>.</summary>
public sealed record AuditEntry(DateTimeOffset At, string By, string Action, string? Whom, string Result, string? Detail = null);
