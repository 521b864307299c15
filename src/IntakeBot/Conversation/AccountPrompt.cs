using IntakeBot.Dialogs;
using IntakeBot.Dialogs.Prompts;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation;

/// <summary>Takes an account in as many messages as the person needs; "done" ends it. Every message
/// is handed to <paramref name="onMessage"/> as it arrives, so nothing waits for the end to be saved. The
/// message that reaches <paramref name="maxMessages"/> is kept and ends the account as "done" would.</summary>
public sealed class AccountPrompt(
    string id,
    TextCatalog text,
    Func<ITurnContext, IReadOnlyList<string>, CancellationToken, Task> onMessage,
    int maxMessages) : Dialog(id)
{
    private const string OptionsKey = "options";
    private const string MessagesKey = "messages";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var promptOptions = options as PromptOptions ?? throw new ArgumentException("An account prompt is begun with PromptOptions.", nameof(options));
        dc.ActiveDialog!.Write(OptionsKey, promptOptions);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var instance = dc.ActiveDialog!;
        var messages = instance.Read<List<string>>(MessagesKey);
        var said = dc.Context.Activity.Text?.Trim();
        if (string.IsNullOrEmpty(said))
        {
            await dc.Context.SendActivityAsync(MessageFactory.Text(text[TextKey.NoTextReceived]), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        if (text.IsWord(said, TextKey.ChoiceDone))
        {
            if (messages.Count > 0)
            {
                return await dc.EndDialogAsync(messages, cancellationToken).ConfigureAwait(false);
            }

            await dc.Context.SendActivityAsync(MessageFactory.Text(text[TextKey.AccountStillEmpty]), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        messages.Add(said);
        instance.Write(MessagesKey, messages);
        await onMessage(dc.Context, messages, cancellationToken).ConfigureAwait(false);
        if (messages.Count >= maxMessages)
        {
            await dc.Context.SendActivityAsync(MessageFactory.Text(text.Format(TextKey.AccountFull, messages.Count)), cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(messages, cancellationToken).ConfigureAwait(false);
        }

        // No "done" button after the first message: it would nudge the person to stop before they have said it all.
        var acknowledgement = Acknowledgements.ForAccountMessage(text, messages.Count);
        await dc.Context.SendActivityAsync(messages.Count < 2 ? MessageFactory.Text(acknowledgement) : Replies.WithChoices(acknowledgement, text[TextKey.ChoiceDone]), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        var options = instance.Read<PromptOptions>(OptionsKey);
        return options.Prompt is { } prompt
            ? turnContext.SendActivityAsync(prompt, cancellationToken)
            : Task.CompletedTask;
    }
}
