using IntakeBot.Cases;
using IntakeBot.Text;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>request identity IR-… because …</c>: the owner of a confidential case asks to see who
/// reported it, with a written reason. The request is kept in the case and audited after the commit, and
/// every custodian (<c>Identity:Custodians</c>) except the case's owner is told, by reference only.
/// One request waits at a time, and none while an approved one waits for its reporter's notice.</summary>
public sealed class IdentityRequestCommand(OwnedCaseGuard guard, CaseDrafts drafts, TextCatalog text, IOptions<IdentityOptions> identity, TimeProvider clock) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (text.Commands.Read(said, TextKey.VerbRequestIdentity) is not { } command)
        {
            return false;
        }

        await turn.ReplyAsync(await RequestAsync(turn, command, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<string> RequestAsync(OwnerTurn turn, TypedCommand command, CancellationToken cancellationToken)
    {
        var reason = text.Commands.After(command.Rest, TextKey.VerbBecause);
        if (!command.HasReference || string.IsNullOrWhiteSpace(reason))
        {
            return text[TextKey.IdentityRequestUsage];
        }

        var owned = await guard.ReadAsync(turn, command.Reference, actorRequired: true, cancellationToken).ConfigureAwait(false);
        if (!owned.Allowed)
        {
            return owned.Refusal;
        }

        var record = owned.Case;
        if (record.SealedReporter is null || record.RevealedReporter is not null)
        {
            return text.Format(TextKey.IdentityRequestNotSealed, record.Reference);
        }

        if (record.PendingIdentityRequest() is not null)
        {
            return text.Format(TextKey.IdentityRequestPending, record.Reference);
        }

        // The reporter's notice is recorded on the latest request, so a new one waits until it was delivered or given up.
        if (record.IdentityRequests?.LastOrDefault()?.Decision?.AwaitsReporterNotice() == true)
        {
            return text.Format(TextKey.IdentityRequestAwaitingNotice, record.Reference);
        }

        var deciding = IdentityCustodians.Deciding(identity.Value, record, turn.Actor).ToList();
        if (deciding.Count == 0)
        {
            // Only the owner is a custodian: a request would wait for ever, and saying it went to the custodians would be untrue.
            return text.Format(TextKey.IdentityRequestNoOtherCustodian, record.Reference);
        }

        var request = new IdentityRequest(clock.GetUtcNow(), turn.Actor!, record.Owner, reason);
        ConversationTurn.Of(turn.Context).Decide(drafts.Change(turn.Context, record.Reference) with { IdentityRequest = request });
        ConversationTurn.Of(turn.Context).Transcript.CaseReference = record.Reference;
        foreach (var custodian in deciding)
        {
            ConversationTurn.Of(turn.Context).Notify(custodian, TextKey.CustodianIdentityRequested, record.Reference, keepSender: false);
        }

        return text.Format(TextKey.IdentityRequestSent, record.Reference);
    }
}
