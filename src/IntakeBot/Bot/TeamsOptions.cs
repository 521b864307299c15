namespace IntakeBot.Bot;

/// <summary>Which Teams activities the bot takes at all.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The Entra tenant ids (GUIDs) whose people may talk to the bot. Empty: any tenant the
    /// Azure Bot registration lets through.</summary>
    public List<string> AllowedTenantIds { get; set; } = [];
}
