using IntakeBot.Dialogs;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation;

/// <summary>The conversation state and its properties, created once for the app.</summary>
public sealed class ConversationStateAccessors(ConversationState conversationState)
{
    public ConversationState State { get; } = conversationState;

    public IStatePropertyAccessor<DialogState> Dialogs { get; } = conversationState.CreateProperty<DialogState>("dialogState");

    public IStatePropertyAccessor<IntakeDraft> Draft { get; } = conversationState.CreateProperty<IntakeDraft>("intakeDraft");

    /// <summary>The draft of this turn. BotState converts plain JSON from storage into a new copy on
    /// every read; setting it back makes every later read in the turn return this same object, and
    /// makes it the one that is saved.</summary>
    public async Task<IntakeDraft> GetDraftAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var draft = await Draft.GetAsync(turnContext, () => new IntakeDraft(), cancellationToken).ConfigureAwait(false);
        await Draft.SetAsync(turnContext, draft, cancellationToken).ConfigureAwait(false);
        return draft;
    }
}
