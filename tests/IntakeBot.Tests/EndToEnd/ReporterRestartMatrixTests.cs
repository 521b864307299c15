using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>The reporter's intake, killed and restarted after every step.</summary>
public sealed class ReporterRestartMatrixTests(AzuriteFixture azurite) : RestartMatrixTests(azurite, "reporter");
