using IntakeBot.Cases;
using IntakeBot.Responders;
using IntakeBot.Retention;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>acknowledge</c>, <c>review</c> and <c>close</c> (which asks for confirmation first: it
/// tells the reporter and starts the retention clock). The reporter of a self-report is told of the
/// acknowledgement and the closing through the outbox, by reference only.</summary>
public sealed class StatusCommand(OwnedCaseGuard guard, CaseDrafts drafts, RetentionWording retention, TextCatalog text) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        // Nothing but "confirm" may follow the reference: "close IR-… now" is not this command.
        if (text.Commands.Read(said, TextKey.VerbAcknowledge, TextKey.VerbReview, TextKey.VerbClose) is not { } command
            || (!command.Ends && text.Commands.After(command.Rest, TextKey.VerbConfirm) is not { Length: 0 }))
        {
            return false;
        }

        await turn.Context.SendActivityAsync(await MoveAsync(turn, command, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<IActivity> MoveAsync(OwnerTurn turn, TypedCommand command, CancellationToken cancellationToken)
    {
        var reference = command.Reference;
        if (reference.Length == 0)
        {
            return MessageFactory.Text(text[TextKey.StatusUsage]);
        }

        var owned = await guard.ReadAsync(turn, reference, actorRequired: true, cancellationToken).ConfigureAwait(false);
        if (!owned.Allowed)
        {
            return MessageFactory.Text(owned.Refusal);
        }

        var record = owned.Case;
        var target = command.Verb switch
        {
            TextKey.VerbAcknowledge => CaseStatus.Acknowledged,
            TextKey.VerbReview => CaseStatus.InReview,
            _ => CaseStatus.Closed,
        };
        if (target == CaseStatus.Closed && command.Ends && record.Status != CaseStatus.Closed)
        {
            var kept = record.Hold is null ? retention.ClosedCaseKept() : $"{retention.ClosedCaseKept()} {text.Format(TextKey.CloseConfirmHeld, record.Reference)}";
            return Replies.WithChoices(text.Format(TextKey.CloseConfirm, record.Reference, kept), text.Format(TextKey.ChoiceCloseConfirm, record.Reference));
        }

        // Decided on the case as read, committed with the turn, written to the case after the commit.
        var change = drafts.Change(turn.Context, record.Reference) with { Status = target };
        var (outcome, _) = CaseLifecycle.Moved(record, target, turn.Actor!, change.At);
        if (outcome == LifecycleOutcome.Changed)
        {
            ConversationTurn.Of(turn.Context).Decide(change);
        }

        // Going straight to review still tells the reporter their report was received.
        if (outcome == LifecycleOutcome.Changed && record.Reporter is { } reporter && (target != CaseStatus.InReview || record.Status == CaseStatus.Submitted))
        {
            ConversationTurn.Of(turn.Context).NotifyReporter(reporter.AadObjectId, target == CaseStatus.Closed ? TextKey.ReporterCaseClosed : TextKey.ReporterCaseAcknowledged, record.Reference);
        }

        return MessageFactory.Text(outcome switch
        {
            LifecycleOutcome.Changed => text.Format(TextKey.StatusChanged, record.Reference, StatusWords.Of(text, target)),
            LifecycleOutcome.Already => text.Format(TextKey.StatusAlready, record.Reference, StatusWords.Of(text, record.Status)),
            LifecycleOutcome.Closed => text.Format(TextKey.StatusClosedAlready, record.Reference),
            _ => text[TextKey.OwnerCaseNotFound],
        });
    }
}
