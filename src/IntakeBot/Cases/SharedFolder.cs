namespace IntakeBot.Cases;

/// <summary>Where the case file lives once it was first shared, and which evidence is there.</summary>
public sealed record SharedFolder(string FolderId, string CaseFileId, List<int> UploadedEvidence, DateTimeOffset RefreshedAt);
