using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Dialogs.Prompts;

/// <summary>Asks one question and ends with the recognised answer. An answer that is not recognised
/// or not valid gets the retry prompt, and the prompt keeps waiting.</summary>
public abstract class Prompt<T>(string id, PromptValidator<T>? validator = null) : Dialog(id)
{
    private const string OptionsKey = "options";
    private const string AttemptsKey = "attempts";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var promptOptions = options as PromptOptions
            ?? throw new ArgumentException("A prompt is begun with PromptOptions.", nameof(options));
        var instance = dc.ActiveDialog!;
        instance.Write(OptionsKey, promptOptions);
        instance.State[AttemptsKey] = 0;
        await SendAsync(dc.Context, promptOptions, promptOptions.Prompt, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var instance = dc.ActiveDialog!;
        var options = instance.Read<PromptOptions>(OptionsKey);
        var attempts = (instance.State.Value<int?>(AttemptsKey) ?? 0) + 1;
        instance.State[AttemptsKey] = attempts;

        var recognized = Recognize(dc.Context, options);
        var isValid = recognized.Succeeded;
        if (validator is not null)
        {
            isValid = await validator(new PromptValidatorContext<T>(dc.Context, recognized, options, attempts), cancellationToken).ConfigureAwait(false);
        }

        if (isValid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken).ConfigureAwait(false);
        }

        if (!dc.Context.Responded)
        {
            await SendAsync(dc.Context, options, options.RetryPrompt ?? options.Prompt, cancellationToken).ConfigureAwait(false);
        }

        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        var options = instance.Read<PromptOptions>(OptionsKey);
        return SendAsync(turnContext, options, options.Prompt, cancellationToken);
    }

    protected abstract PromptRecognizerResult<T> Recognize(ITurnContext turnContext, PromptOptions options);

    /// <summary>Suggested actions the prompt shows; typed words work whatever is shown.</summary>
    protected virtual IEnumerable<string> SuggestedActions(PromptOptions options) => options.Choices;

    private async Task SendAsync(ITurnContext turnContext, PromptOptions options, Activity? activity, CancellationToken cancellationToken)
    {
        if (activity is null)
        {
            return;
        }

        var copy = activity.CloneForSend();
        var actions = SuggestedActions(options).ToList();
        if (actions.Count > 0 && copy.SuggestedActions is null)
        {
            copy.SuggestedActions = new SuggestedActions
            {
                Actions = [.. actions.Select(a => new CardAction(ActionTypes.ImBack, a, value: a))],
            };
        }

        await turnContext.SendActivityAsync(copy, cancellationToken).ConfigureAwait(false);
    }
}
