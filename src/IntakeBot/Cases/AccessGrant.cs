namespace IntakeBot.Cases;

/// <summary>One person who can read a case file: who they are in the directory, the Graph permission
/// that gives them access, and who gave it when.</summary>
public sealed record AccessGrant(
    string UserId,
    string Email,
    string? DisplayName,
    string PermissionId,
    DateTimeOffset GrantedAt,
    string GrantedBy);
