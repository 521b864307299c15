using System.Diagnostics;

namespace IntakeBot.Telemetry;

/// <summary>The bot's own spans: one a turn, with children for each storage and Graph call. Span names
/// and tags carry kinds, outcomes and case references only, never what anyone wrote or who they are.</summary>
public static class IntakeActivities
{
    public const string SourceName = "IntakeBot";

    public static ActivitySource Source { get; } = new(SourceName);
}
