using IntakeBot.Text;
using Microsoft.Extensions.Options;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using IntakeBot.Cases;

namespace IntakeBot.Responders;

/// <summary>Tells a case owner in Teams that a case needs them, with the reference only: message
/// previews show on lock screens, so no content ever goes in a notification. A turn only decides a
/// notification (<c>ConversationTurn.Notify</c>); it leaves through the outbox once the turn has
/// committed.</summary>
public sealed class OwnerNotifier(ResponderDirectory directory, ReporterDirectory reporters, ICaseStore cases, IdentitySeal seal, BotAdapter adapter, TextCatalog text, IOptions<BotOptions> bot, ClosedCaseNotice closedNotice, WorkspaceLink workspace, IOptions<IdentityOptions> identity, TimeProvider clock, ILogger<OwnerNotifier> logger)
{
    /// <summary>Marks a proactive turn: its failures go back to the outbox, never to the owner.</summary>
    public const string ProactiveTurn = "IntakeBot.ProactiveTurn";

    /// <summary>Whether the message was delivered, is worth trying again, or can never be sent (a responder
    /// who has not written to the bot yet). A reporter whose conversation is not stored is tried again like
    /// one whose delivery failed: it may be stored by then, and when the outbox gives up, the case owner is
    /// told the reporter could not be reached.</summary>
    public async Task<Delivery> TryDeliverAsync(OwnerNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        try
        {
            if (notification.Sender is { User.AadObjectId: { } senderId } sender)
            {
                await reporters.SaveAsync(senderId, sender, cancellationToken).ConfigureAwait(false);
            }

            var conversation = notification.To != NotificationRecipient.Reporter
                ? await directory.GetAsync(notification.Owner, cancellationToken).ConfigureAwait(false)
                : Pseudonyms.IsPseudonym(notification.Owner)
                    ? await SealedConversationAsync(notification.CaseReference, cancellationToken).ConfigureAwait(false)
                    : await reporters.GetAsync(notification.Owner, cancellationToken).ConfigureAwait(false);
            if (conversation is null)
            {
                logger.LogWarning("The {Recipient} of case {CaseReference} could not be notified: they have not talked to the bot yet.", Role(notification), notification.CaseReference);
                return notification.To != NotificationRecipient.Reporter ? Delivery.NoConversation : Delivery.TryAgain;
            }

            await adapter.ContinueConversationAsync(
                bot.Value.MicrosoftAppId,
                conversation,
                (turn, ct) =>
                {
                    turn.TurnState.Add(ProactiveTurn, notification);
                    // In the language kept with the person's conversation reference.
                    ReaderLanguage.Switch(text.LanguageOf(conversation.Locale) ?? ReaderLanguage.English);
                    return turn.SendActivityAsync(Notification(notification), ct);
                },
                cancellationToken).ConfigureAwait(false);
            return Delivery.Delivered;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The case is saved whatever happens here; the outbox tries again.
            logger.LogWarning("The {Recipient} of case {CaseReference} could not be notified this time ({ExceptionType}).", Role(notification), notification.CaseReference, e.GetType().FullName);
            return Delivery.TryAgain;
        }
    }

    /// <summary>The conversation of a confidential case's reporter, opened from the case here, where it is
    /// sent to, and nowhere else; null when the case is gone.</summary>
    private async Task<ConversationReference?> SealedConversationAsync(string reference, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(reference, cancellationToken).ConfigureAwait(false) is not { SealedReporter: { } sealedReporter })
        {
            return null;
        }

        var identity = await seal.UnsealAsync(reference, sealedReporter, cancellationToken).ConfigureAwait(false);
        return identity.Conversation is { } json ? Newtonsoft.Json.JsonConvert.DeserializeObject<ConversationReference>(json) : null;
    }

    /// <summary>The notification's words; a new message for the reporter also carries Reply and View
    /// buttons, and a closed case the button that starts a follow-on, which send the typed commands and
    /// so hold the reference only; an owner's carries a button that opens the case in the workspace tab,
    /// when the chat links to it (<see cref="WorkspaceLink"/>).</summary>
    private Activity Notification(OwnerNotification notification)
    {
        var activity = MessageFactory.Text(notification.Message == TextKey.ReporterCaseClosed
            ? Closed(notification.CaseReference)
            : text.Format(notification.Message, notification.CaseReference, Deadline(At(notification)), notification.FollowsOn ?? string.Empty, NoticePeriod.Format(text, identity.Value.NoticeHours)));
        if (notification.Message == TextKey.ReporterCaseClosed)
        {
            var again = text.Format(TextKey.ChoiceAgain, notification.CaseReference);
            activity.SuggestedActions = new SuggestedActions { Actions = [new CardAction(ActionTypes.ImBack, again, value: again)] };
        }

        if (notification.Message == TextKey.ReporterNewMessage)
        {
            activity.SuggestedActions = new SuggestedActions
            {
                Actions =
                [
                    new CardAction(ActionTypes.ImBack, text[TextKey.ChoiceReply], value: text.Format(TextKey.ChoiceReplyTo, notification.CaseReference)),
                    new CardAction(ActionTypes.ImBack, text.Format(TextKey.ChoiceView, notification.CaseReference), value: text.Format(TextKey.ChoiceView, notification.CaseReference)),
                ],
            };
        }

        if (notification.To == NotificationRecipient.Owner && workspace.To(notification.CaseReference) is { } link)
        {
            activity.Attachments = [new HeroCard(buttons: [new CardAction(ActionTypes.OpenUrl, text[TextKey.CardOpenInWorkspace], value: link.AbsoluteUri)]).ToAttachment()];
        }

        return activity;
    }

    /// <summary>The reporter's news that their case is closed: plainly what that means, how long they can
    /// still write to its owner (<c>Lifecycle:ClosedReplyWindow</c>), how to start a follow-on if it
    /// happens again (<c>again IR-…</c>), and the support line when one is set.</summary>
    private string Closed(string reference)
    {
        var window = closedNotice.ReplyWindow;
        var closed = window > TimeSpan.Zero
            ? text.Format(TextKey.ReporterCaseClosed, reference, Durations.Format(text, window))
            : text.Format(TextKey.ReporterCaseClosedNoReplies, reference);
        closed = $"{closed}\n\n{text.Format(TextKey.FollowOnOffer, reference)}";
        return string.IsNullOrWhiteSpace(closedNotice.SupportResource) ? closed : $"{closed}\n\n{text.Format(TextKey.SupportLine, closedNotice.SupportResource)}";
    }

    /// <summary>The time a message names: a reminder's deadline; for the reporter's notice of an approved
    /// identity request, the earliest moment the name can be shown, as the notice period runs from this
    /// message's delivery (<see cref="IdentityNotice"/>), which is now at the earliest.</summary>
    private DateTimeOffset? At(OwnerNotification notification)
        => IdentityNotice.IsNotice(notification) ? clock.GetUtcNow() + TimeSpan.FromHours(identity.Value.NoticeHours) : notification.Due;

    private static string Deadline(DateTimeOffset? due)
        => due is { } at ? Times.Utc(at) : string.Empty;

    internal static string Role(OwnerNotification notification) => notification.To == NotificationRecipient.Reporter ? "reporter" : "owner";
}
