using Microsoft.Bot.Builder;

namespace IntakeBot.Dialogs;

/// <summary>The dialogs a bot or a component can start, and the accessor that keeps their stack.</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);
    private readonly IStatePropertyAccessor<DialogState>? _state;

    public DialogSet(IStatePropertyAccessor<DialogState>? state = null) => _state = state;

    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (!_dialogs.TryAdd(dialog.Id, dialog))
        {
            throw new InvalidOperationException($"A dialog with the id '{dialog.Id}' is already in the set.");
        }

        return this;
    }

    public Dialog? Find(string id) => _dialogs.GetValueOrDefault(id);

    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            throw new InvalidOperationException("This dialog set has no state accessor; components create their contexts themselves.");
        }

        var state = await _state.GetAsync(turnContext, () => new DialogState(), cancellationToken).ConfigureAwait(false);

        // BotState hands back a converted copy when storage returned plain JSON; setting it makes the
        // copy the object that is saved at the end of the turn, so changes to the stack are kept.
        await _state.SetAsync(turnContext, state, cancellationToken).ConfigureAwait(false);
        return new DialogContext(this, turnContext, state);
    }
}
