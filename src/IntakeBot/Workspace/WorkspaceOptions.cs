namespace IntakeBot.Workspace;

/// <summary>The case owner's workspace tab (section <c>Workspace</c>).</summary>
public sealed class WorkspaceOptions
{
    public const string Section = "Workspace";

    /// <summary>AAD object ids of the people who may read the content-free statistics.</summary>
    public List<string> InsightsRoles { get; set; } = [];

    /// <summary>The id Teams knows the app by (<see cref="Responders.WorkspaceLink.TeamsAppIdKey"/>): with it,
    /// the chat links to the tab; without it, the chat stays as it is with the workspace off.</summary>
    public string TeamsAppId { get; set; } = string.Empty;

    /// <summary>How many cases one page of the list holds at most.</summary>
    public int PageSize { get; set; } = 50;
}
