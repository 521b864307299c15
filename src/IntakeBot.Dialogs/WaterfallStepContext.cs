using IntakeBot.Dialogs.Prompts;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Dialogs;

/// <summary>What one waterfall step sees: the result of the previous step's prompt, the dialog's typed
/// values, and the ways on: prompt, begin, next, end, replace.</summary>
public sealed class WaterfallStepContext<TValues>
    where TValues : class, new()
{
    private readonly WaterfallDialog<TValues> _waterfall;
    private readonly DialogInstance _instance;
    private readonly JToken? _options;

    internal WaterfallStepContext(WaterfallDialog<TValues> waterfall, DialogContext dc, DialogInstance instance, int index, DialogReason reason, object? result, TValues values, JToken? options)
    {
        _waterfall = waterfall;
        _instance = instance;
        _options = options;
        DialogContext = dc;
        Index = index;
        Reason = reason;
        Result = result;
        Values = values;
    }

    public DialogContext DialogContext { get; }

    public ITurnContext Context => DialogContext.Context;

    public int Index { get; }

    public DialogReason Reason { get; }

    /// <summary>The result of the dialog the previous step started, or the text of the message when
    /// the previous step simply waited.</summary>
    public object? Result { get; }

    /// <summary>The values the steps share; assign a new record to change them.</summary>
    public TValues Values { get; set; }

    public T? Options<T>() => WaterfallDialog<TValues>.ReadOptions<T>(_options);

    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken)
    {
        SaveValues();
        return DialogContext.PromptAsync(dialogId, options, cancellationToken);
    }

    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options, CancellationToken cancellationToken)
    {
        SaveValues();
        return DialogContext.BeginDialogAsync(dialogId, options, cancellationToken);
    }

    public Task<DialogTurnResult> NextAsync(object? result, CancellationToken cancellationToken)
    {
        SaveValues();
        return _waterfall.RunStepAsync(DialogContext, Index + 1, DialogReason.NextCalled, result, cancellationToken);
    }

    public Task<DialogTurnResult> EndDialogAsync(object? result, CancellationToken cancellationToken)
        => DialogContext.EndDialogAsync(result, cancellationToken);

    public Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options, CancellationToken cancellationToken)
        => DialogContext.ReplaceDialogAsync(dialogId, options, cancellationToken);

    internal void SaveValues() => WaterfallDialog<TValues>.SaveValues(_instance, Values);
}
