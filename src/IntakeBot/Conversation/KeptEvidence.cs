using IntakeBot.Cases;
using IntakeBot.Evidence;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation;

/// <summary>The draft's evidence (with this turn's) when the reference is the draft's, otherwise the
/// submitted case's; confidential as the draft's choice is now, or as the case was kept.</summary>
public sealed class KeptEvidence(ConversationStateAccessors state, ICaseStore cases, Microsoft.Extensions.Options.IOptions<IdentityOptions> identity) : IKeptEvidence
{
    public async Task<KeptSoFar> OfAsync(ITurnContext turnContext, string caseReference, CancellationToken cancellationToken)
    {
        // No empty draft is made: a turn outside an intake ("add to") has none.
        var draft = await state.Draft.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false);
        if (draft?.CaseReference == caseReference)
        {
            return new KeptSoFar([.. CaseDrafts.Evidence(turnContext, draft)], draft.KeepsReporterUnnamed(identity.Value.Confidential));
        }

        var record = await cases.GetAsync(caseReference, cancellationToken).ConfigureAwait(false);
        return new KeptSoFar(record?.Evidence ?? [], record?.Identity == IdentityChoice.Confidential);
    }
}
