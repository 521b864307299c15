namespace IntakeBot.Workspace;

/// <summary>One page of the owner's list, most urgent first; <paramref name="Total"/> counts every case
/// the filters kept.</summary>
public sealed record CaseListPage(IReadOnlyList<CaseListItem> Cases, int Page, int PageSize, int Total);
