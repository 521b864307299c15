using IntakeBot.Evidence;
using Microsoft.Bot.Builder;

namespace IntakeBot.Capture;

/// <summary>The message a person kept and has not yet decided about, in their 1:1 conversation's
/// state (saved in the same write as the rest of that conversation); nowhere else until they choose.</summary>
public sealed class CaptureState(ConversationState conversationState)
{
    public IStatePropertyAccessor<CapturedMessage> Pending { get; } = conversationState.CreateProperty<CapturedMessage>("capturedMessage");
}
