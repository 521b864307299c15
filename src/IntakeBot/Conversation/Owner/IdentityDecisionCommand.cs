using IntakeBot.Cases;
using IntakeBot.Text;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>approve identity IR-… because …</c> and <c>refuse identity IR-… because …</c>: a custodian
/// decides the case's pending identity request, with a reason. A refusal is told to the requester (the
/// reason is on their case card); an approval is told to the reporter first, through the sealed
/// conversation, and the requester alone is shown the identity <c>Identity:NoticeHours</c> after that
/// message was delivered (<see cref="Responders.IdentityNotice"/>), never counted from the approval. To
/// anyone who may not decide it (not a custodian, the case's owner, the requester) the case reads as
/// one that does not exist.</summary>
public sealed class IdentityDecisionCommand(ICaseStore cases, CaseDrafts drafts, TextCatalog text, IOptions<IdentityOptions> identity, TimeProvider clock) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (text.Commands.Read(said, TextKey.VerbApproveIdentity, TextKey.VerbRefuseIdentity) is not { } command)
        {
            return false;
        }

        await turn.ReplyAsync(await DecideAsync(turn, command, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<string> DecideAsync(OwnerTurn turn, TypedCommand command, CancellationToken cancellationToken)
    {
        var reason = text.Commands.After(command.Rest, TextKey.VerbBecause);
        if (!command.HasReference || string.IsNullOrWhiteSpace(reason))
        {
            return text[TextKey.IdentityDecisionUsage];
        }

        var record = CaseReference.IsValid(command.Reference) ? await cases.GetAsync(command.Reference, cancellationToken).ConfigureAwait(false) : null;
        if (record?.PendingIdentityRequest() is not { } request || !IdentityCustodians.MayDecide(identity.Value, record, request, turn.Actor))
        {
            return text[TextKey.IdentityDecisionNothingToDecide];
        }

        var now = clock.GetUtcNow();
        var approved = command.Verb == TextKey.VerbApproveIdentity;
        var decision = new IdentityDecision(now, turn.Actor!, approved, reason);
        var conversation = ConversationTurn.Of(turn.Context);
        conversation.Decide(drafts.Change(turn.Context, record.Reference) with { IdentityDecision = decision });
        if (!approved)
        {
            conversation.Notify(request.Requester, TextKey.OwnerIdentityRequestRefused, record.Reference, keepSender: false);
            return text.Format(TextKey.IdentityRefusedDone, record.Reference);
        }

        // No time to show the name from yet: the notice period runs from the reporter's message's
        // delivery, which the outbox records (IdentityNotice); the requester hears again when it has passed.
        conversation.NotifyReporter(record.Reporter!.AadObjectId, TextKey.ReporterIdentityApprovedNotice, record.Reference);
        conversation.Notify(request.Requester, TextKey.OwnerIdentityApprovedAwaitingNotice, record.Reference, keepSender: false);
        return text.Format(TextKey.IdentityApprovedUntilToldDone, record.Reference, NoticePeriod.Format(text, identity.Value.NoticeHours));
    }
}
