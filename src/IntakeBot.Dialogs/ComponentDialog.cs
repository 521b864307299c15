using Microsoft.Bot.Builder;

namespace IntakeBot.Dialogs;

/// <summary>A dialog made of other dialogs, with a stack of its own kept inside its instance state.
/// Override <see cref="OnInterruptAsync"/> to answer words such as "help" at any step without
/// losing that step.</summary>
public abstract class ComponentDialog(string id) : Dialog(id)
{
    /// <summary>Where the inner stack is kept in the component's instance state.</summary>
    protected const string InnerStackKey = "dialogs";

    protected DialogSet Dialogs { get; } = new();

    protected string? InitialDialogId { get; set; }

    protected ComponentDialog AddDialog(Dialog dialog)
    {
        Dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
        => RunInnerAsync(dc, inner => OnBeginDialogAsync(inner, options, cancellationToken), cancellationToken);

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
        => RunInnerAsync(dc, async inner => await OnInterruptAsync(inner, cancellationToken).ConfigureAwait(false)
            ? EndOfTurn
            : await inner.ContinueDialogAsync(cancellationToken).ConfigureAwait(false), cancellationToken);

    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        // Something outside the component ran on top of it: ask the inner step's question again.
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        var state = instance.Read<DialogState>(InnerStackKey);
        return new DialogContext(Dialogs, turnContext, state).RepromptDialogAsync(cancellationToken);
    }

    public override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken)
    {
        if (reason == DialogReason.CancelCalled)
        {
            var state = instance.Read<DialogState>(InnerStackKey);
            await new DialogContext(Dialogs, turnContext, state).CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the inner stack; by default with <see cref="InitialDialogId"/>. A component that
    /// chooses its first dialog from the message (a router) overrides this, and may answer and return
    /// a completed result without starting any.</summary>
    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return innerDc.BeginDialogAsync(InitialDialogId ?? throw new InvalidOperationException($"The component '{Id}' has no dialogs."), options, cancellationToken);
    }

    /// <summary>Called before every message reaches the inner step. Return true when the message was
    /// handled here (the step stays where it was and waits).</summary>
    protected virtual Task<bool> OnInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
        => Task.FromResult(false);

    /// <summary>Called when the inner stack has finished; by default the component ends with its result.</summary>
    protected virtual Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken)
        => outerDc.EndDialogAsync(result, cancellationToken);

    private async Task<DialogTurnResult> RunInnerAsync(DialogContext dc, Func<DialogContext, Task<DialogTurnResult>> run, CancellationToken cancellationToken)
    {
        var instance = dc.ActiveDialog!;
        var state = instance.Read<DialogState>(InnerStackKey);
        var inner = new DialogContext(Dialogs, dc.Context, state, dc);
        var result = await run(inner).ConfigureAwait(false);
        instance.Write(InnerStackKey, state);
        if (result.Status == DialogTurnStatus.Complete)
        {
            return await EndComponentAsync(dc, result.Result, cancellationToken).ConfigureAwait(false);
        }

        if (state.DialogStack.Count > 0)
        {
            return EndOfTurn;
        }

        // The inner stack was cancelled (by an interruption, say): the component goes too, and the
        // caller learns it was cancelled rather than completed.
        var ended = await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        return ended.Status == DialogTurnStatus.Complete ? new DialogTurnResult(DialogTurnStatus.Cancelled) : ended;
    }
}
