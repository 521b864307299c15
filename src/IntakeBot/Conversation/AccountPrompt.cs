using IntakeBot.Dialogs;
using IntakeBot.Dialogs.Prompts;
using IntakeBot.Text;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation;

/// <summary>Takes an account in as many messages as the person needs; "done" ends it. Every message
/// is handed to <paramref name="onMessage"/> as it arrives, so nothing waits for the end to be saved;
/// what it returns, if anything, is said in the same message as the acknowledgement. The
/// message that reaches <paramref name="maxMessages"/> is kept and ends the account as "done" would.
/// Begun with <see cref="Continuing"/>, it starts with messages the person already gave.</summary>
public sealed class AccountPrompt(
    string id,
    TextCatalog text,
    Func<ITurnContext, IReadOnlyList<string>, CancellationToken, Task<string?>> onMessage,
    int maxMessages) : CollectMessagesDialog(id, text)
{
    private const string MessagesKey = "messages";

    protected override void Start(DialogInstance instance, object? options)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (options is Continuing continuing)
        {
            base.Start(instance, continuing.Options);
            instance.Write(MessagesKey, continuing.Messages.ToList());
            return;
        }

        base.Start(instance, options);
    }

    protected override async Task<bool> TakeAsync(ITurnContext turnContext, DialogInstance instance, string? said, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(said))
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(Text[TextKey.NoTextReceived]), cancellationToken).ConfigureAwait(false);
            return false;
        }

        var messages = instance.Read<List<string>>(MessagesKey);
        messages.Add(said);
        instance.Write(MessagesKey, messages);
        var added = await onMessage(turnContext, messages, cancellationToken).ConfigureAwait(false);
        if (messages.Count >= maxMessages)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(Text.Format(TextKey.AccountFull, messages.Count)), cancellationToken).ConfigureAwait(false);
            return true;
        }

        // No "done" button after the first message: it would nudge the person to stop before they have said it all.
        var acknowledgement = added is null ? Acknowledgements.ForAccountMessage(Text, messages.Count) : $"{Acknowledgements.ForAccountMessage(Text, messages.Count)}\n\n{added}";
        await turnContext.SendActivityAsync(messages.Count < 2 ? MessageFactory.Text(acknowledgement) : Replies.WithChoices(acknowledgement, Text[TextKey.ChoiceDone]), cancellationToken).ConfigureAwait(false);
        return false;
    }

    protected override async Task<DialogTurnResult> FinishAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken)
    {
        var messages = instance.Read<List<string>>(MessagesKey);
        if (messages.Count > 0)
        {
            return await dc.EndDialogAsync(messages, cancellationToken).ConfigureAwait(false);
        }

        await dc.Context.SendActivityAsync(MessageFactory.Text(Text[TextKey.AccountStillEmpty]), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    /// <summary>An account that already has its first messages (a first message the person chose to
    /// start the report with): they count as given, so the next one is the second.</summary>
    public sealed record Continuing(PromptOptions Options, IReadOnlyList<string> Messages);
}
