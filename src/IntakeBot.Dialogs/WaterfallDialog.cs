using Newtonsoft.Json.Linq;

namespace IntakeBot.Dialogs;

/// <summary>A dialog that runs its steps in order; each step usually starts a prompt and the next step
/// receives the prompt's result. <typeparamref name="TValues"/> is the typed record the steps share.
/// A dialog with a name of its own derives from it and adds its steps in its constructor, as the Bot
/// Framework samples' dialogs do.</summary>
public class WaterfallDialog<TValues> : Dialog
    where TValues : class, new()
{
    private const string StepKey = "step";
    private const string ValuesKey = "values";
    private const string OptionsKey = "options";

    private readonly List<WaterfallStep<TValues>> _steps;

    public WaterfallDialog(string id, IReadOnlyList<WaterfallStep<TValues>> steps)
        : base(id)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = steps.Count > 0
            ? [.. steps]
            : throw new ArgumentException("A waterfall needs at least one step.", nameof(steps));
    }

    /// <summary>For a derived dialog, which adds its steps with <see cref="AddStep"/>.</summary>
    protected WaterfallDialog(string id)
        : base(id)
        => _steps = [];

    /// <summary>Adds the next step. A step's number is stored with the dialog's instance (the step it
    /// waits at), so a dialog whose instances are saved gains steps only at its end.</summary>
    protected void AddStep(WaterfallStep<TValues> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
    }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var instance = dc.ActiveDialog!;
        if (options is not null)
        {
            instance.Write(OptionsKey, options);
        }

        return RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
        => ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity?.Text, cancellationToken);

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        var index = dc.ActiveDialog!.State.Value<int?>(StepKey) ?? 0;
        return RunStepAsync(dc, index + 1, reason, result, cancellationToken);
    }

    internal async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            return await dc.EndDialogAsync(result, cancellationToken).ConfigureAwait(false);
        }

        var instance = dc.ActiveDialog!;
        instance.State[StepKey] = index;
        var step = new WaterfallStepContext<TValues>(this, dc, instance, index, reason, result, instance.Read<TValues>(ValuesKey), instance.State[OptionsKey]);
        var turnResult = await _steps[index](step, cancellationToken).ConfigureAwait(false);
        step.SaveValues();
        return turnResult;
    }

    internal static void SaveValues(DialogInstance instance, TValues values) => instance.Write(ValuesKey, values);

    internal static T? ReadOptions<T>(JToken? options)
        => options is null || options.Type == JTokenType.Null ? default : options.ToObject<T>();
}

public delegate Task<DialogTurnResult> WaterfallStep<TValues>(WaterfallStepContext<TValues> step, CancellationToken cancellationToken)
    where TValues : class, new();
