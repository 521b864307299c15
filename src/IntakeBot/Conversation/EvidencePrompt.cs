using IntakeBot.Dialogs;
using IntakeBot.Dialogs.Prompts;
using IntakeBot.Evidence;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation;

/// <summary>Takes any number of screenshots, files and pasted texts into the case; "done" ends,
/// "skip" leaves the step with nothing. Each item is stored as it arrives.</summary>
public sealed class EvidencePrompt(
    string id,
    TextCatalog text,
    EvidenceIntake evidence,
    Func<ITurnContext, CancellationToken, Task<string>> caseReference) : Dialog(id)
{
    private const string OptionsKey = "options";
    private const string CountKey = "count";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        dc.ActiveDialog!.Write(OptionsKey, options as PromptOptions ?? throw new ArgumentException("An evidence prompt is begun with PromptOptions.", nameof(options)));
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var activity = dc.Context.Activity;
        if (activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var instance = dc.ActiveDialog!;
        var count = instance.State.Value<int?>(CountKey) ?? 0;
        var said = activity.Text?.Trim();
        if (!EvidenceIntake.HasFiles(activity) && (text.IsWord(said, TextKey.ChoiceDone) || text.IsNothing(said)))
        {
            return await dc.EndDialogAsync(count, cancellationToken).ConfigureAwait(false);
        }

        var reference = await caseReference(dc.Context, cancellationToken).ConfigureAwait(false);
        var replies = await evidence.TakeAsync(dc.Context, reference, cancellationToken).ConfigureAwait(false);
        instance.State[CountKey] = count + replies.Count;
        await dc.Context.SendActivitiesAsync([.. replies.Select(r => (IActivity)MessageFactory.Text(r)), Replies.WithChoices(text[TextKey.EvidenceMore], text[TextKey.ChoiceDone])], cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
        => instance.Read<PromptOptions>(OptionsKey).Prompt is { } prompt
            ? turnContext.SendActivityAsync(prompt, cancellationToken)
            : Task.CompletedTask;

}
