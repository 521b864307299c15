using IntakeBot.Bot;
using IntakeBot.Conversation;
using Microsoft.Bot.Builder;

namespace IntakeBot.Responders;

/// <summary>Tells a case owner in Teams that a case needs them, with the reference only: message
/// previews show on lock screens, so no content ever goes in a notification. A turn only decides a
/// notification (<see cref="Notify"/>); it leaves through the outbox once the turn has committed.</summary>
public sealed class OwnerNotifier(ResponderDirectory directory, IntakeAdapter adapter, TextCatalog text, IConfiguration configuration, ILogger<OwnerNotifier> logger)
{
    /// <summary>Marks a proactive turn: its failures go back to the outbox, never to the owner.</summary>
    public const string ProactiveTurn = "IntakeBot.ProactiveTurn";

    /// <summary>Records, in this turn, a message for an owner, sent after the turn's commit.</summary>
    public static void Notify(ITurnContext turnContext, string owner, TextKey message, string caseReference)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var pending = turnContext.TurnState.Get<List<OwnerNotification>>();
        if (pending is null)
        {
            pending = [];
            turnContext.TurnState.Add(pending);
        }

        pending.Add(new OwnerNotification(owner, message, caseReference));
    }

    /// <summary>The messages this turn decided.</summary>
    public static IReadOnlyList<OwnerNotification> Decided(ITurnContext turnContext)
        => turnContext.TurnState.Get<List<OwnerNotification>>() ?? [];

    /// <summary>True when the message was delivered, or can never be (the owner has not talked to the
    /// bot yet); false when it is worth trying again.</summary>
    public async Task<bool> TryDeliverAsync(OwnerNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var conversation = await directory.GetAsync(notification.Owner, cancellationToken).ConfigureAwait(false);
        if (conversation is null)
        {
            logger.LogWarning("The owner of case {CaseReference} could not be notified: they have not talked to the bot yet.", notification.CaseReference);
            return true;
        }

        try
        {
            await adapter.ContinueConversationAsync(
                configuration["MicrosoftAppId"] ?? string.Empty,
                conversation,
                (turn, ct) =>
                {
                    turn.TurnState.Add(ProactiveTurn, notification);
                    return turn.SendActivityAsync(MessageFactory.Text(text.Format(notification.Message, notification.CaseReference)), ct);
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The case is saved whatever happens here; the outbox tries again.
            logger.LogWarning("The owner of case {CaseReference} could not be notified this time ({ExceptionType}).", notification.CaseReference, e.GetType().FullName);
            return false;
        }
    }
}
