using IntakeBot.Dialogs;
using IntakeBot.Evidence;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation;

/// <summary>After the Reply button (or <c>reply IR-…</c> with nothing after it): asks for the reply and
/// takes every following message as part of it, each through <see cref="ReporterCommands.ReplyAsync"/>
/// and confirmed, as an account is taken. The reference waits in the dialog stack, in the conversation's
/// state, so a restart between messages loses nothing. <c>done</c> or <c>cancel</c> leaves it; another
/// command or a card press leaves it and is answered as usual (<see cref="Left"/>); a file is not a reply
/// and gets a kind note.</summary>
public sealed class ReplyDialog(ReporterCommands reporter, ReplyThreads threads, TextCatalog text) : Dialog(DialogId)
{
    public const string DialogId = "reply";

    /// <summary>The result when the message was not the reply: the caller answers it as a command.</summary>
    public const string Left = "left";

    private const string StateKey = "reply";

    /// <summary>Begun with the reference of a case the person may reply on.</summary>
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var reference = options as string ?? throw new ArgumentException("A reply is begun with its case's reference.", nameof(options));
        dc.ActiveDialog!.Write(StateKey, new ReplyState { Reference = reference });
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var turn = dc.Context;
        if (turn.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var reference = dc.ActiveDialog!.Read<ReplyState>(StateKey).Reference;
        var said = turn.Activity.Text?.Trim();
        var sent = dc.ActiveDialog.Read<ReplyState>(StateKey).Sent;
        if (text.IsWord(said, TextKey.ChoiceStop) || text.IsWord(said, TextKey.ChoiceDone))
        {
            // Finishing the reply leaves the thread: the next words start nothing there.
            await threads.HandledAsync(turn, said, cancellationToken).ConfigureAwait(false);
            await turn.SendActivityAsync(MessageFactory.Text(text.Format(sent > 0 ? TextKey.ReplyDone : TextKey.ReplyCancelled, reference)), cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (IsCommand(said) || (string.IsNullOrEmpty(said) && turn.Activity.Value is not null))
        {
            return await dc.EndDialogAsync(Left, cancellationToken).ConfigureAwait(false);
        }

        if (EvidenceIntake.HasFiles(turn.Activity) || string.IsNullOrEmpty(said))
        {
            // Whatever words came with a file wait for the person to send them as the reply on their own.
            await turn.SendActivityAsync(MessageFactory.Text(text.Format(TextKey.ReplyFileNotKept, reference)), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        // The reply may go on over several messages: only a refusal (a closed case, a full thread) ends it.
        if (await reporter.ReplyRefusedAsync(turn, reference, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            await turn.SendActivityAsync(MessageFactory.Text(refused), cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var (answer, _) = await reporter.ReplyAsync(turn, reference, said, inThread: sent > 0, cancellationToken).ConfigureAwait(false);
        dc.ActiveDialog.Write(StateKey, new ReplyState { Reference = reference, Sent = sent + 1 });
        await turn.SendActivityAsync(answer, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(instance);
        return turnContext.SendActivityAsync(MessageFactory.Text(text.Format(TextKey.ReplyAsk, instance.Read<ReplyState>(StateKey).Reference)), cancellationToken);
    }

    /// <summary>A command word, or a command that names a case: the person moved on to something else.</summary>
    private bool IsCommand(string? said)
        => new[] { TextKey.ChoiceHelp, TextKey.ChoiceReport, TextKey.ChoiceTakeReport, TextKey.ChoiceMyReports, TextKey.ChoicePrivacy, TextKey.ChoiceCases }.Any(word => text.IsWord(said, word))
            || text.Commands.NamesACase(said);

    private sealed record ReplyState
    {
        public string Reference { get; init; } = string.Empty;

        /// <summary>How many messages were taken as the reply so far.</summary>
        public int Sent { get; init; }
    }
}
