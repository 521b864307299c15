using IntakeBot.Cases;
using IntakeBot.Lifecycle;
using IntakeBot.Responders;
using IntakeBot.Text;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>message IR-… text</c>: kept in the case's thread and transcript, audited without its
/// words, counted as feedback, and announced to the reporter through the outbox by reference only.
/// When the reporter asked not to be contacted, nothing is sent until the owner adds <c>confirm</c>.</summary>
public sealed class MessageCommand(OwnedCaseGuard guard, CaseDrafts drafts, TextCatalog text, IOptions<LifecycleOptions> lifecycleOptions, IOptions<CaseLimits> limits) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (text.Commands.Read(said, TextKey.VerbMessage) is not { } command)
        {
            return false;
        }

        await turn.ReplyAsync(await MessageAsync(turn, command, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<string> MessageAsync(OwnerTurn turn, TypedCommand command, CancellationToken cancellationToken)
    {
        var reference = command.Reference;
        var confirmed = text.Commands.After(command.Rest, TextKey.VerbConfirm);
        var message = confirmed ?? command.Rest;
        if (reference.Length == 0 || message.Length == 0)
        {
            return text[TextKey.MessageUsage];
        }

        var owned = await guard.ReadAsync(turn, reference, actorRequired: true, cancellationToken).ConfigureAwait(false);
        if (!owned.Allowed)
        {
            return owned.Refusal;
        }

        var record = owned.Case;
        if (record.Status == CaseStatus.Closed)
        {
            return text.Format(TextKey.MessageClosed, record.Reference);
        }

        if (record.Reporter is not { } reporter)
        {
            return text.Format(TextKey.MessageNoReporter, record.Reference);
        }

        if (message.Length > lifecycleOptions.Value.MaxMessageLength)
        {
            return text.Format(TextKey.FollowUpMessageTooLong, lifecycleOptions.Value.MaxMessageLength);
        }

        if (record.Messages.Count >= limits.Value.MessagesPerCase)
        {
            return text.Format(TextKey.MessageThreadFull, record.Reference, record.Messages.Count);
        }

        if (confirmed is null && record.Answers.NoContact)
        {
            return text.Format(TextKey.MessageNoContact, record.Reference);
        }

        if (!record.Status.IsSubmitted())
        {
            return text[TextKey.OwnerCaseNotFound];
        }

        // The thread, the feedback deadline and the audit are written after the commit, from the state.
        ConversationTurn.Of(turn.Context).Decide(drafts.Change(turn.Context, record.Reference) with { OwnerMessage = message, RefreshSharedFor = record.Owner });
        ConversationTurn.Of(turn.Context).Transcript.CaseReference = record.Reference;
        ConversationTurn.Of(turn.Context).NotifyReporter(reporter.AadObjectId, TextKey.ReporterNewMessage, record.Reference);
        return text.Format(TextKey.MessageSent, record.Reference);
    }
}
