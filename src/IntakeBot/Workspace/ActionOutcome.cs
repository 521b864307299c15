namespace IntakeBot.Workspace;

/// <summary>What an action did: <paramref name="Outcome"/> is <c>done</c>, <c>already</c> (nothing to
/// change) or <c>refused</c> with a <paramref name="Reason"/> the page explains.</summary>
public sealed record ActionOutcome(string Outcome, string? Reason = null)
{
    public static ActionOutcome Done { get; } = new("done");

    public static ActionOutcome Already { get; } = new("already");

    public static ActionOutcome Refused(string reason) => new("refused", reason);
}
