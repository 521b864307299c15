namespace IntakeBot.Tests.Infrastructure;

/// <summary>Settings for an app whose default owner (and one responder) is <c>ownerId</c>, on containers
/// of its own so that its cases and states are apart from any other app's, with <c>more</c> on top.</summary>
public static class OwnerSettings
{
    public static Dictionary<string, string?> For(string ownerId, params (string Key, string Value)[] more)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string?>
        {
            ["Intake:DefaultOwner"] = ownerId,
            ["Intake:Responders:0"] = ownerId,
            ["Storage:CasesContainer"] = $"cases-{suffix}",
            ["Storage:StateContainer"] = $"state-{suffix}",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }
}
