using IntakeBot.Cases;
using IntakeBot.Conversation.Cards;
using IntakeBot.Dialogs;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation;

/// <summary>A first message that reads like an account, with no report under way: the person is
/// thanked, told it is not saved as a report, and asked whether to start one with it as the first part
/// of what happened. Until they answer it is held in the conversation's state as a draft (with the
/// lines of this chat, so that the draft retention applies to it); <c>yes</c> begins the report with it,
/// and <c>not now</c> deletes it, with the earlier versions of the state that held it. More messages
/// that read like an account join it; <c>help</c> and <c>privacy</c> are answered and the question asked
/// again.</summary>
public sealed class AccountOfferDialog(IntakeServices services) : Dialog(DialogId)
{
    public const string DialogId = "account-offer";

    private const string MessagesKey = "messages";
    private const string StartChoice = "start";
    private const string NotNowChoice = "not-now";

    private readonly TextCatalog _text = services.Text;
    private readonly ConversationStateAccessors _state = services.State;
    private readonly IntakeOptions _options = services.Options.Value;
    private readonly RetentionFacts _retention = new(services.Retention.Draft, services.Retention.ClosedCase, services.Retention.Backup);
    private readonly int _maxMessages = services.Limits.Value.AccountMessages;

    /// <summary>Begun with the message that read like an account (or the messages held by a follow-on
    /// offer the person turned down).</summary>
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        List<string> messages = options switch
        {
            string said => [said],
            IReadOnlyList<string> held => [.. held],
            _ => throw new ArgumentException("The offer is begun with the message it is about.", nameof(options)),
        };
        dc.ActiveDialog!.Write(MessagesKey, messages);
        await AskAsync(dc.Context, Replies.WithDangerFirst(dc.Context, _text, _options, _text.Format(TextKey.AccountLikeFirstMessage, Durations.Format(_text, _retention.DraftRetention))), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var turn = dc.Context;
        if (turn.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var said = turn.Activity.Text?.Trim();
        var messages = dc.ActiveDialog!.Read<List<string>>(MessagesKey);
        var picked = ChoiceMatcher.Match(CardSubmission.Read(turn.Activity.Value), Choices()) ?? ChoiceMatcher.Match(_text, said, Choices());
        if (picked?.Id == StartChoice)
        {
            // The report's first turn: its transcript takes this turn's lines after the ones held so far.
            return await dc.ReplaceDialogAsync(ReportDialog.DialogId, new IntakeStart(null, messages), cancellationToken).ConfigureAwait(false);
        }

        if (picked?.Id == NotNowChoice || _text.IsWord(said, TextKey.ChoiceStop))
        {
            await DeclineAsync(turn, cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (_text.IsWord(said, TextKey.ChoiceHelp))
        {
            await turn.SendActivityAsync(MessageFactory.Text(_text.Format(TextKey.GeneralHelp, _options.FaqUrl, string.Empty)), cancellationToken).ConfigureAwait(false);
            await AskAsync(turn, _text[TextKey.AccountOfferAskAgain], cancellationToken).ConfigureAwait(false);
        }
        else if (_text.IsWord(said, TextKey.ChoicePrivacy))
        {
            await turn.SendActivityAsync(MessageFactory.Text(PrivacyText.Notice(_text, _retention, _options.OwnerRole, _options.FaqUrl)), cancellationToken).ConfigureAwait(false);
            await AskAsync(turn, _text[TextKey.AccountOfferAskAgain], cancellationToken).ConfigureAwait(false);
        }
        else if (TextCatalog.LooksLikeAccount(said) && messages.Count < _maxMessages)
        {
            // They went on telling it instead of answering: nothing they say is dropped.
            messages.Add(said!);
            dc.ActiveDialog!.Write(MessagesKey, messages);
            await AskAsync(turn, _text[TextKey.AccountOfferAddedMore], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await AskAsync(turn, _text[TextKey.AccountOfferAskAgain], cancellationToken).ConfigureAwait(false);
        }

        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
        => AskAsync(turnContext, _text[TextKey.AccountOfferAskAgain], cancellationToken);

    /// <summary>Asks (two suggested actions; the answer can be typed) and keeps this turn's lines
    /// with the draft, so that a report started with it has its whole transcript.</summary>
    private async Task AskAsync(ITurnContext turn, string question, CancellationToken cancellationToken)
    {
        await turn.SendActivityAsync(ChoiceMessage.Create(_text, question, Choices()), cancellationToken).ConfigureAwait(false);
        var draft = await _state.GetDraftAsync(turn, cancellationToken).ConfigureAwait(false);
        draft.PendingTranscript.AddRange(ConversationTurn.Of(turn).Transcript.Entries);
    }

    /// <summary>The draft goes from the state in this turn's commit, and the state's earlier versions
    /// after it (<see cref="DiscardedDraft"/>), as for a discarded report.</summary>
    private async Task DeclineAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        await _state.Draft.DeleteAsync(turn, cancellationToken).ConfigureAwait(false);
        ConversationTurn.Of(turn).Discard(new DiscardedDraft(null));
        var declined = _retention.BackupRetention > TimeSpan.Zero
            ? _text.Format(TextKey.AccountOfferDeclinedBackups, Durations.Format(_text, _retention.BackupRetention))
            : _text[TextKey.AccountOfferDeclined];
        await turn.SendActivityAsync(MessageFactory.Text(declined), cancellationToken).ConfigureAwait(false);
    }

    private IReadOnlyList<Choice> Choices()
        =>
        [
            new(StartChoice, _text[TextKey.ChoiceStartWithThis], _text[TextKey.WordsStartWithThis].Split('|')),
            new(NotNowChoice, _text[TextKey.ChoiceNotNow], _text[TextKey.WordsNothing].Split('|')),
        ];
}
