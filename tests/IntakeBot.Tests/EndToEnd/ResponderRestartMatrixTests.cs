using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>The responder's taken report, killed and restarted after every step.</summary>
public sealed class ResponderRestartMatrixTests(AzuriteFixture azurite) : RestartMatrixTests(azurite, "responder");
