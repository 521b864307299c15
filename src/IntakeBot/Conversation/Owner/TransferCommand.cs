using IntakeBot.Lifecycle;
using IntakeBot.Responders;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>transfer IR-… to &lt;who&gt;</c>: decided on the case as read, committed with the turn,
/// written to the case after the commit; the new owner, and the reporter of a self-report (as who reads
/// it changes), are told through the outbox, by reference only. Whether the caller owns the case is
/// <see cref="CaseTransfer"/>'s check, which answers as the guard does.</summary>
public sealed class TransferCommand(OwnedCaseGuard guard, CaseTransfer transfer, CaseDrafts drafts, TextCatalog text) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (text.Commands.Read(said, TextKey.VerbTransfer) is not { } command)
        {
            return false;
        }

        var reference = command.Reference;
        var who = text.Commands.After(command.Rest, TextKey.VerbTransferTo) ?? string.Empty;
        await turn.ReplyAsync(reference.Length == 0 || who.Length == 0 ? text[TextKey.TransferUsage] : await TransferAsync(turn, reference, who, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<string> TransferAsync(OwnerTurn turn, string reference, string who, CancellationToken cancellationToken)
    {
        if (await guard.NewerVersionAsync(reference, record => OwnedCaseGuard.IsOwner(record, turn.Owner), cancellationToken).ConfigureAwait(false) is { } newer)
        {
            return newer;
        }

        var decision = await transfer.DecideAsync(turn.Context, turn.Owner, reference, who, cancellationToken).ConfigureAwait(false);
        if (decision is { Reference: { } handed, From: { } from, To: { } to })
        {
            ConversationTurn.Of(turn.Context).Decide(drafts.Change(turn.Context, handed) with { TransferFrom = from, TransferTo = to });
            ConversationTurn.Of(turn.Context).Notify(to, TextKey.OwnerCaseTransferred, handed);
            if (decision.Reporter is { } reporter)
            {
                ConversationTurn.Of(turn.Context).NotifyReporter(reporter, TextKey.ReporterCaseTransferred, handed);
            }
        }

        return decision.Answer;
    }
}
