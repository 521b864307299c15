using IntakeBot.Dialogs;
using IntakeBot.Evidence;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation;

/// <summary>Takes any number of screenshots, files and pasted texts into the case; "done" ends,
/// "skip" leaves the step with nothing, and so does a way of saying there is nothing (more) to give
/// ("nope that's all", "I pasted it above"): those words are never kept as pasted evidence. Each item
/// is stored as it arrives.</summary>
public sealed class EvidencePrompt(
    string id,
    TextCatalog text,
    EvidenceIntake evidence,
    Func<ITurnContext, CancellationToken, Task<string>> caseReference) : CollectMessagesDialog(id, text)
{
    private const string CountKey = "count";

    protected override bool IsFinishing(string? said) => base.IsFinishing(said) || Text.IsNothing(said) || Text.IsNothingMore(said);

    protected override async Task<bool> TakeAsync(ITurnContext turnContext, DialogInstance instance, string? said, CancellationToken cancellationToken)
    {
        var reference = await caseReference(turnContext, cancellationToken).ConfigureAwait(false);
        var replies = await evidence.TakeAsync(turnContext, ConversationTurn.Of(turnContext).Transcript, reference, cancellationToken).ConfigureAwait(false);
        instance.State[CountKey] = Count(instance) + replies.Count;
        await turnContext.SendActivitiesAsync([.. replies.Select(r => (IActivity)MessageFactory.Text(r)), Replies.WithChoices(Text[TextKey.EvidenceMore], Text[TextKey.ChoiceDone])], cancellationToken).ConfigureAwait(false);
        return false;
    }

    protected override Task<DialogTurnResult> FinishAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken)
        => dc.EndDialogAsync(Count(instance), cancellationToken);

    private static int Count(DialogInstance instance) => instance.State.Value<int?>(CountKey) ?? 0;
}
