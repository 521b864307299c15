using IntakeBot.Cases;
using IntakeBot.Dialogs;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation;

/// <summary>The conversation state and its properties, created once for the app.</summary>
public sealed class ConversationStateAccessors(ConversationState conversationState)
{
    public ConversationState State { get; } = conversationState;

    public IStatePropertyAccessor<DialogState> Dialogs { get; } = conversationState.CreateProperty<DialogState>("dialogState");

    public IStatePropertyAccessor<IntakeDraft> Draft { get; } = conversationState.CreateProperty<IntakeDraft>("intakeDraft");

    public IStatePropertyAccessor<ConversationProfile> Profile { get; } = conversationState.CreateProperty<ConversationProfile>(ConversationProfile.Property);

    /// <summary>A submitted case committed with the turn and not yet written to blob storage.</summary>
    public IStatePropertyAccessor<PendingCase> PendingCase { get; } = conversationState.CreateProperty<PendingCase>(CommittedWork.CaseProperty);

    /// <summary>Changes to submitted cases committed with the turn and not yet written to them.</summary>
    public IStatePropertyAccessor<List<PendingChange>> PendingChanges { get; } = conversationState.CreateProperty<List<PendingChange>>(CommittedWork.ChangesProperty);

    /// <summary>A discarded draft whose blobs are not deleted yet.</summary>
    public IStatePropertyAccessor<DiscardedDraft> PendingDiscard { get; } = conversationState.CreateProperty<DiscardedDraft>(CommittedWork.DiscardProperty);

    /// <summary>The draft of this turn. BotState converts plain JSON from storage into a new copy on
    /// every read; setting it back makes every later read in the turn return this same object, and
    /// makes it the one that is saved. The same holds for the profile.</summary>
    public Task<IntakeDraft> GetDraftAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        => GetKeptAsync(Draft, turnContext, cancellationToken);

    public Task<ConversationProfile> GetProfileAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        => GetKeptAsync(Profile, turnContext, cancellationToken);

    private static async Task<T> GetKeptAsync<T>(IStatePropertyAccessor<T> accessor, ITurnContext turnContext, CancellationToken cancellationToken)
        where T : new()
    {
        var value = await accessor.GetAsync(turnContext, () => new T(), cancellationToken).ConfigureAwait(false);
        await accessor.SetAsync(turnContext, value, cancellationToken).ConfigureAwait(false);
        return value;
    }
}
