namespace IntakeBot.Telemetry;

/// <summary>The names telemetry reduces URLs to, handed in by the app so that telemetry depends on no
/// other folder: the two blob containers and the Graph host.</summary>
public sealed record TelemetryEndpoints(string CasesContainer, string StateContainer, Uri GraphBaseUrl);
