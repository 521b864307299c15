namespace IntakeBot.Workspace;

/// <summary>One count of the statistics: <paramref name="Count"/> is null when fewer than
/// <see cref="WorkspaceInsights.MinimumCell"/> cases fall in it, so that no small group can be singled out.</summary>
public sealed record InsightCell(string Dimension, string Value, int? Count);
