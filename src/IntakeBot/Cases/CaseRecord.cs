namespace IntakeBot.Cases;

public static class CaseKinds
{
    public const string SelfReport = "self-report";
}

public static class CaseStatuses
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
}

public static class Classification
{
    public const string HighlyConfidential = "HighlyConfidential";
}

/// <summary>The person a case came from, as Teams identified them.</summary>
public sealed record Reporter(string TeamsId, string AadObjectId, string? Name);

/// <summary>The stored case: <c>cases/IR-…/case.json</c>.</summary>
public sealed record CaseRecord
{
    public required string Reference { get; init; }

    public string Kind { get; init; } = CaseKinds.SelfReport;

    public string Status { get; init; } = CaseStatuses.Draft;

    public string Classification { get; init; } = Cases.Classification.HighlyConfidential;

    public required Reporter Reporter { get; init; }

    public required string Owner { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public IntakeAnswers Answers { get; init; } = new();

    /// <summary>People the owner has given access to; empty means only the owner.</summary>
    public List<string> Access { get; init; } = [];
}
