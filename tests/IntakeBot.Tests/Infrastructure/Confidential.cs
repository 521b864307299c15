namespace IntakeBot.Tests.Infrastructure;

/// <summary>Settings that turn confidential reporting on with a local key and one custodian.</summary>
internal static class Confidential
{
    /// <summary>32 bytes, base64: a test key, never a real one.</summary>
    public const string LocalKey = "dGVzdCBrZXkgZm9yIGNvbmZpZGVudGlhbCByZXBvcnQ=";

    /// <summary>The custodian is put on the roster too (a custodian must be, to be told of requests).</summary>
    public static Dictionary<string, string?> Settings(string custodian, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Confidential"] = "true",
            ["Identity:LocalKey"] = LocalKey,
            ["Identity:Custodians:0"] = custodian,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        if (!settings.Any(s => s.Key.StartsWith("Intake:Responders:", StringComparison.Ordinal) && string.Equals(s.Value, custodian, StringComparison.OrdinalIgnoreCase)))
        {
            settings["Intake:Responders:99"] = custodian;
        }

        return settings;
    }
}
