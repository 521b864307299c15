namespace IntakeBot.Workspace;

/// <summary>The case owner's workspace tab (section <c>Workspace</c>).</summary>
public sealed class WorkspaceOptions
{
    public const string Section = "Workspace";

    /// <summary>AAD object ids of the people who may read the content-free statistics.</summary>
    public List<string> InsightsRoles { get; set; } = [];

    /// <summary>How many cases one page of the list holds at most.</summary>
    public int PageSize { get; set; } = 50;
}
