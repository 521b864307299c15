using IntakeBot.Bot;
using IntakeBot.Conversation;
using Microsoft.Bot.Builder;

namespace IntakeBot.Responders;

/// <summary>Tells a case owner in Teams that a case needs them, with the reference only: message
/// previews show on lock screens, so no content ever goes in a notification.</summary>
public sealed class OwnerNotifier(ResponderDirectory directory, IntakeAdapter adapter, TextCatalog text, IConfiguration configuration, ILogger<OwnerNotifier> logger)
{
    public async Task NotifyAsync(string owner, TextKey message, string caseReference, CancellationToken cancellationToken)
    {
        var conversation = await directory.GetAsync(owner, cancellationToken).ConfigureAwait(false);
        if (conversation is null)
        {
            logger.LogWarning("The owner of case {CaseReference} could not be notified: they have not talked to the bot yet.", caseReference);
            return;
        }

        try
        {
            await adapter.ContinueConversationAsync(
                configuration["MicrosoftAppId"] ?? string.Empty,
                conversation,
                (turn, ct) => turn.SendActivityAsync(MessageFactory.Text(text.Format(message, caseReference)), ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The case is saved whatever happens here; the owner sees it in their list.
            logger.LogWarning("The owner of case {CaseReference} could not be notified ({ExceptionType}).", caseReference, e.GetType().FullName);
        }
    }
}
