namespace IntakeBot.Responders;

/// <summary>The roster as Responders reads it: the same <c>Intake</c> section that IntakeOptions
/// binds (and its validator checks), so that Responders needs nothing from Conversation.</summary>
public sealed class RosterOptions
{
    public const string Section = "Intake";

    /// <summary>The individuals (AAD object ids or UPNs) who may take reports and own cases.</summary>
    public List<string> Responders { get; set; } = [];
}
