using IntakeBot.Evidence;
using IntakeBot.Retention;
using Microsoft.Bot.Builder;

namespace IntakeBot.Capture;

/// <summary>The messages a person kept and has not yet decided about, oldest first, in their 1:1
/// conversation's state (saved in the same write as the rest of that conversation, and tagged to expire
/// like a draft: <see cref="DraftStateTags"/>); nowhere else until they choose. Each is known by the
/// key of the evidence it becomes (<see cref="TeamsMessageEvidence.ItemKey"/>), so the same message
/// kept twice is held once.</summary>
public sealed class CaptureState(ConversationState conversationState)
{
    private readonly IStatePropertyAccessor<List<CapturedMessage>> _kept = conversationState.CreateProperty<List<CapturedMessage>>(DraftStateTags.KeptMessagesProperty);

    /// <summary>Where an earlier version held its one kept message: read into the list, so none is lost.</summary>
    private readonly IStatePropertyAccessor<CapturedMessage> _single = conversationState.CreateProperty<CapturedMessage>(DraftStateTags.KeptMessageProperty);

    public static string KeyOf(CapturedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return TeamsMessageEvidence.ItemKey(message.Facts);
    }

    public async Task<List<CapturedMessage>> GetAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var kept = await _kept.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false) ?? [];
        if (await _single.GetAsync(turnContext, () => null!, cancellationToken).ConfigureAwait(false) is { } older)
        {
            if (!kept.Any(k => KeyOf(k) == KeyOf(older)))
            {
                kept.Insert(0, older);
            }

            await _single.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
            await SetAsync(turnContext, kept, cancellationToken).ConfigureAwait(false);
        }

        return kept;
    }

    public Task SetAsync(ITurnContext turnContext, List<CapturedMessage> kept, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kept);
        return kept.Count == 0 ? _kept.DeleteAsync(turnContext, cancellationToken) : _kept.SetAsync(turnContext, kept, cancellationToken);
    }

    /// <summary>Takes the message (by its key) out of the kept ones, if it is there.</summary>
    public async Task ForgetAsync(ITurnContext turnContext, CapturedMessage message, CancellationToken cancellationToken)
    {
        var kept = await GetAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (kept.RemoveAll(k => KeyOf(k) == KeyOf(message)) > 0)
        {
            await SetAsync(turnContext, kept, cancellationToken).ConfigureAwait(false);
        }
    }
}
