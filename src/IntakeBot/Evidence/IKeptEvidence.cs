using IntakeBot.Cases;
using Microsoft.Bot.Builder;

namespace IntakeBot.Evidence;

/// <summary>The evidence a case holds so far, counted against its limits: the draft's (with this
/// turn's) while an intake runs, or the submitted case's; and whether the case is confidential (its
/// files are then sealed and cleaned). The conversation knows where the draft is.</summary>
public interface IKeptEvidence
{
    Task<KeptSoFar> OfAsync(ITurnContext turnContext, string caseReference, CancellationToken cancellationToken);
}
