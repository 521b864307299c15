namespace IntakeBot.Tests.Infrastructure;

/// <summary>Settings that turn confidential reporting on with a local key and one custodian.</summary>
internal static class Confidential
{
    /// <summary>32 bytes, base64: a test key, never a real one.</summary>
    public const string LocalKey = "dGVzdCBrZXkgZm9yIGNvbmZpZGVudGlhbCByZXBvcnQ=";

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

        return settings;
    }
}
