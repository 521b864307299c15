using Microsoft.Bot.Builder;

namespace IntakeBot.Dialogs;

/// <summary>Base of every dialog: a dialog is begun, continued by later messages, resumed when a
/// dialog it started ends, and ended. Its state lives in its <see cref="DialogInstance"/>.</summary>
public abstract class Dialog(string id)
{
    /// <summary>The result a dialog returns to say it waits for the next message.</summary>
    public static readonly DialogTurnResult EndOfTurn = new(DialogTurnStatus.Waiting);

    public string Id { get; } = !string.IsNullOrWhiteSpace(id) ? id : throw new ArgumentException("A dialog needs an id.", nameof(id));

    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken);

    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
        => dc.EndDialogAsync(null, cancellationToken);

    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken)
        => dc.EndDialogAsync(result, cancellationToken);

    /// <summary>Asks again for whatever the dialog is waiting for, without changing its state.</summary>
    public virtual Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
        => Task.CompletedTask;

    public virtual Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken)
        => Task.CompletedTask;
}
