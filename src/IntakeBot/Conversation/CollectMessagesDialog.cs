using IntakeBot.Dialogs;
using IntakeBot.Dialogs.Prompts;
using IntakeBot.Evidence;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation;

/// <summary>A step that takes any number of messages until the person says they are done: each
/// message is kept as it arrives (so nothing waits for the end to be saved), and the finishing word
/// is never taken as one of them. By default it is begun with <see cref="PromptOptions"/> and asks
/// its prompt again when reprompted.</summary>
public abstract class CollectMessagesDialog(string id, TextCatalog text) : Dialog(id)
{
    private const string OptionsKey = "options";

    protected TextCatalog Text { get; } = text;

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        Start(dc.ActiveDialog!, options);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var activity = dc.Context.Activity;
        if (activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var said = activity.Text?.Trim();
        if (!EvidenceIntake.HasFiles(activity) && IsFinishing(said))
        {
            return await FinishAsync(dc, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        }

        return await TakeAsync(dc.Context, dc.ActiveDialog!, said, cancellationToken).ConfigureAwait(false)
            ? await FinishAsync(dc, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false)
            : EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(instance);
        return instance.Read<PromptOptions>(OptionsKey).Prompt is { } prompt
            ? turnContext.SendActivityAsync(prompt, cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>Keeps what the step is begun with.</summary>
    protected virtual void Start(DialogInstance instance, object? options)
    {
        ArgumentNullException.ThrowIfNull(instance);
        instance.Write(OptionsKey, options as PromptOptions ?? throw new ArgumentException($"The step '{Id}' is begun with PromptOptions.", nameof(options)));
    }

    /// <summary>Whether a message with no files ends the step; "done" by default.</summary>
    protected virtual bool IsFinishing(string? said) => Text.IsWord(said, TextKey.ChoiceDone);

    /// <summary>Keeps one message (text, files or both) and answers it. Returns true when the step
    /// can take no more (a limit was reached), which finishes it as "done" would.</summary>
    protected abstract Task<bool> TakeAsync(ITurnContext turnContext, DialogInstance instance, string? said, CancellationToken cancellationToken);

    /// <summary>The person said they are done: end the step, or say why it cannot end yet.</summary>
    protected abstract Task<DialogTurnResult> FinishAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken);
}
