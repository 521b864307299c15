using IntakeBot.Capture;
using IntakeBot.Conversation;
using IntakeBot.Dialogs;
using IntakeBot.Listening;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using IntakeBot.Responders;

namespace IntakeBot.Bot;

/// <summary>The Teams bot: the guards every activity passes (Teams only, personal chat, an identity, a
/// length, the conversation's own person, a first delivery), then the conversation's main dialog, as
/// the samples' <c>DialogBot</c> runs it; TurnCommit commits the state after the turn.</summary>
public sealed class IntakeActivityHandler : TeamsActivityHandler
{
    private const int RememberedActivityIds = 32;

    private readonly ConversationStateAccessors _state;
    private readonly TextCatalog _text;
    private readonly IntakeOptions _options;
    private readonly DialogSet _dialogs;
    private readonly TeamsGuard _guard;
    private readonly MessageCapture _capture;
    private readonly PrivateChat _privateChat;
    private readonly LanguageChoice _language;
    private readonly ListenFirst _listen;
    private readonly LanguageOffer _offer;
    private readonly TimeProvider _clock;
    private readonly UnconfirmedTurns _unconfirmed;
    private readonly ILogger<IntakeActivityHandler> _logger;

    public IntakeActivityHandler(
        ConversationStateAccessors state,
        RootDialog rootDialog,
        TeamsGuard guard,
        MessageCapture capture,
        TextCatalog text,
        IOptions<IntakeOptions> options,
        PrivateChat privateChat,
        LanguageChoice language,
        ListenFirst listen,
        LanguageOffer offer,
        TimeProvider clock,
        UnconfirmedTurns unconfirmed,
        ILogger<IntakeActivityHandler> logger)
    {
        _clock = clock;
        _unconfirmed = unconfirmed;
        _listen = listen;
        _offer = offer;
        ArgumentNullException.ThrowIfNull(rootDialog);
        _privateChat = privateChat;
        _language = language;
        _logger = logger;
        _state = state;
        _guard = guard;
        _capture = capture;
        _text = text;
        _options = options.Value;
        _dialogs = rootDialog.CreateDialogSet(state.Dialogs);
    }

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (_guard.Check(turnContext.Activity) is not ActivityRefusal.None and var refusal)
        {
            // Not answered either: a reply would go to a service URL we have no reason to trust.
            _logger.LogWarning("An activity was refused before anything was read or stored: {Refusal}.", refusal);
            return;
        }

        if (turnContext.Activity.Type == ActivityTypes.Message && !TeamsGuard.IsPersonalChat(turnContext.Activity))
        {
            // Nothing from a group chat or channel is kept: state is neither read nor written. The
            // answer there is neutral, so that nobody reading the group learns that anyone is reporting.
            var opened = await OpenPrivateChatAsync(turnContext, cancellationToken).ConfigureAwait(false);
            await turnContext.SendActivityAsync(MessageFactory.Text(_text[opened ? TextKey.GroupChatNeutral : TextKey.GroupChatNeutralNoChat]), cancellationToken).ConfigureAwait(false);
            return;
        }

        // The state is committed by TurnCommit, after the turn has decided everything.
        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (string.IsNullOrWhiteSpace(activity.From?.AadObjectId))
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(_text[TextKey.NoIdentity]), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (activity.Text is { } said && said.Length > _options.MaxMessageLength)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(_text.Format(TextKey.MessageTooLong, said.Length, _options.MaxMessageLength)), cancellationToken).ConfigureAwait(false);
            return;
        }

        // A 1:1 conversation holds one person's report: nobody else's message is taken in it.
        var profile = await _state.GetProfileAsync(turnContext, cancellationToken).ConfigureAwait(false);
        profile.PersonAadObjectId ??= activity.From.AadObjectId;
        LanguageChoice.Begin(profile);
        if (!string.Equals(profile.PersonAadObjectId, activity.From.AadObjectId, StringComparison.OrdinalIgnoreCase))
        {
            _logger.LogWarning("A message from another account arrived in a 1:1 conversation and was refused.");
            await turnContext.SendActivityAsync(MessageFactory.Text(_text[TextKey.NotYourConversation]), cancellationToken).ConfigureAwait(false);
            return;
        }

        var turn = ConversationTurn.Of(turnContext);
        _unconfirmed.SettleIn(turn.StateKey, profile);
        if (!FirstDelivery(profile, activity.Id))
        {
            turn.DeliveredBefore = true;
            return;
        }

        var now = _clock.GetUtcNow();
        var resent = turn.SaidAgain(profile, now);
        // Whether the words were kept is only needed for a message that could be recognised if sent again.
        var answersBefore = turn.Distinctive ? JsonConvert.SerializeObject((await _state.GetDraftAsync(turnContext, cancellationToken).ConfigureAwait(false)).Answers) : null;
        var dc = await _dialogs.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var intakeBefore = RootDialog.IsIntakeRunning(dc);
        if (await _language.TryAnswerAsync(dc, profile, cancellationToken).ConfigureAwait(false))
        {
            // The person chose the conversation's language, or asked to.
        }
        else if (await _offer.TryAnswerAsync(dc, profile, cancellationToken).ConfigureAwait(false))
        {
            // The person took, or turned down, the offer to carry on in the language they wrote in.
        }
        else if (await _listen.HandleAsync(dc, cancellationToken).ConfigureAwait(false))
        {
            // What the person meant was answered in full (a question, second thoughts, or help with the
            // message kept in the account); every other message goes on to the dialogs below.
        }
        else if (await _capture.TryAnswerAsync(dc, cancellationToken).ConfigureAwait(false))
        {
            // The person answered the offer for a message they kept with "Report this message".
        }
        else if (resent && dc.ActiveDialog is not null)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(_text[TextKey.ResentAfterUnseenReply]), cancellationToken).ConfigureAwait(false);
            await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (resent)
        {
            // A command or a reply sent again: done once, not twice.
            await turnContext.SendActivityAsync(MessageFactory.Text(_text[TextKey.SaidAgainDoneOnce]), cancellationToken).ConfigureAwait(false);
        }
        else if ((await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false)).Status == DialogTurnStatus.Empty)
        {
            await dc.BeginDialogAsync(RootDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
        }

        if (!intakeBefore && RootDialog.IsIntakeRunning(dc))
        {
            // A report started while messages kept with "Report this message" wait: they may belong in it.
            await _capture.OfferKeptAsync(dc, cancellationToken).ConfigureAwait(false);
        }

        await _offer.AskAsync(turnContext, profile, cancellationToken).ConfigureAwait(false);
        var draft = await _state.GetDraftAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (answersBefore is not null && !resent && (turn.Changes.Count > 0 || JsonConvert.SerializeObject(draft.Answers) != answersBefore))
        {
            turn.RememberKept(profile, now);
        }

        CaseDrafts.RecordTurn(turnContext, draft, intakeActive: RootDialog.IsIntakeRunning(dc));
        if (dc.ActiveDialog is null)
        {
            await _state.Draft.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>"Report this message" (Capture/): Teams asks first (fetchTask); a client that skips
    /// that sends the submit, answered the same way. The action is read here rather than by the base
    /// class, whose strict reading throws on a payload of an unexpected shape (a body whose content is
    /// an object): every payload gets its own answer in the pop-up.</summary>
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.Name is MessagePayloadReader.FetchTask or MessagePayloadReader.SubmitAction)
        {
            var action = MessagePayloadReader.Action(turnContext.Activity.Value);
            return new InvokeResponse { Status = 200, Body = await _capture.TakeAsync(turnContext, action, cancellationToken).ConfigureAwait(false) };
        }

        return await base.OnInvokeActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>False when this activity was handled before; its id is remembered otherwise.</summary>
    private bool FirstDelivery(ConversationProfile profile, string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return true;
        }

        if (profile.RecentActivityIds.Contains(id, StringComparer.Ordinal))
        {
            _logger.LogInformation("Activity {ActivityId} was delivered again and is not handled twice.", id);
            return false;
        }

        profile.RecentActivityIds = [.. profile.RecentActivityIds.TakeLast(RememberedActivityIds - 1), id];
        return true;
    }

    /// <summary>Starts a 1:1 conversation with the person who mentioned the bot in a group chat or
    /// channel, and says hello there. False when Teams would not open one.</summary>
    private async Task<bool> OpenPrivateChatAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        try
        {
            return await _privateChat.RunAsync(turnContext, (privateTurn, ct) => privateTurn.SendActivityAsync(MessageFactory.Text(_text[TextKey.PrivateChatAfterGroup]), ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("A private chat could not be opened from a {ConversationType} conversation ({ExceptionType}).", activity.Conversation?.ConversationType, e.GetType().FullName);
            return false;
        }
    }
}
