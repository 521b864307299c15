using IntakeBot.Text;

namespace IntakeBot.Lifecycle;

/// <summary>What <see cref="CaseTransfer"/> decided: the answer for the owner and, when the case is to
/// change hands, the case, the roster entries it goes from and to, and the reporter of a self-report (their
/// AAD object id), who is told that someone else now reads it. <paramref name="Outcome"/> names the answer
/// for callers that word it themselves (the workspace tab). The caller records that change with the
/// turn; it is written to the case after the commit.</summary>
public sealed record TransferDecision(string Answer, TextKey Outcome, string? Reference = null, string? From = null, string? To = null, string? Reporter = null);
