namespace IntakeBot.Cases;

/// <summary>A reporter's identity in clear, as sealed into <see cref="SealedReporter"/>: who they are to
/// Teams and where the bot reaches them (their conversation reference, as Bot Framework JSON). A class,
/// not a record: it never goes into a generated <c>ToString</c>.</summary>
public sealed class ReporterIdentity(string aadObjectId, string teamsId, string? name, string? conversation)
{
    public string AadObjectId { get; } = aadObjectId;

    public string TeamsId { get; } = teamsId;

    public string? Name { get; } = name;

    /// <summary>The reporter's 1:1 conversation reference, serialized as the Bot Framework does.</summary>
    public string? Conversation { get; } = conversation;

    /// <summary>The strings that say who the reporter is, longest first, for replacing them with the pseudonym.</summary>
    public IEnumerable<string> Markers()
        => new[] { AadObjectId, TeamsId, Name }.OfType<string>().Where(m => m.Trim().Length > 2).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(m => m.Length);
}
